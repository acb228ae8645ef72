namespace SseGen.Generator
{
    /// <summary>Names of the pipeline's steps, so tests can check what each run reused.</summary>
    internal static class TrackingNames
    {
        public const string Endpoints = nameof(Endpoints);
        public const string Routes = nameof(Routes);
        public const string CanMap = nameof(CanMap);
        public const string AssemblyMapper = nameof(AssemblyMapper);
        public const string ReferencedMappers = nameof(ReferencedMappers);
        public const string ClientEndpoints = nameof(ClientEndpoints);
        public const string JsonContract = nameof(JsonContract);
        public const string ClientScriptOptions = nameof(ClientScriptOptions);
        public const string Clients = nameof(Clients);
        public const string ContractAssembly = nameof(ContractAssembly);
        public const string ReferencedContracts = nameof(ReferencedContracts);
        public const string ClientContracts = nameof(ClientContracts);
    }
}
