using System.ComponentModel;

namespace SseGen.Client;

/// <summary>Implemented by generated clients, so <c>AddSseClient</c> can create one without reflection.</summary>
/// <typeparam name="TSelf">The generated client.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public interface ISseGeneratedClient<TSelf>
    where TSelf : ISseGeneratedClient<TSelf>
{
    /// <summary>Creates the client over <paramref name="client"/>.</summary>
    /// <param name="client">The connection every method of the contract streams over.</param>
    static abstract TSelf Create(SseClient client);
}
