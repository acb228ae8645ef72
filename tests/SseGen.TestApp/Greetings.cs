using System.Runtime.CompilerServices;

namespace SseGen.TestApp;

/// <summary>A service the instance endpoint depends on.</summary>
public interface IGreeter
{
    string Greet(string name);
}

internal sealed class Greeter : IGreeter
{
    public string Greet(string name) => "hello " + name;
}

/// <summary>An endpoint on an instance: not registered in DI, so it is created with ActivatorUtilities per request.</summary>
public sealed class Greetings(IGreeter greeter)
{
    [SseEndpoint("/greetings/{name}", EventType = "greeting")]
    public async IAsyncEnumerable<string> Greet(string name, [EnumeratorCancellation] CancellationToken ct)
    {
        await Task.Yield();
        ct.ThrowIfCancellationRequested();
        yield return greeter.Greet(name);
    }
}
