namespace SseGen.Generator.Model
{
    /// <summary>How the generated endpoint gets the object whose method it calls.</summary>
    internal enum OwnerKind
    {
        /// <summary>A static method: no object.</summary>
        Static,

        /// <summary>From DI, else created with <c>ActivatorUtilities</c>.</summary>
        Instance,

        /// <summary>As <see cref="Instance"/>; one it created is disposed when the response ends.</summary>
        Disposable,

        /// <summary>As <see cref="Instance"/>; one it created is disposed asynchronously when the response ends.</summary>
        AsyncDisposable,

        /// <summary>A method of a contract interface: the implementation registered in DI, checked when the endpoint is mapped.</summary>
        Contract,
    }
}
