using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace SseGen;

/// <summary>The JSON contract of the 400 responses generated endpoints write, owned by SseGen so it works under native AOT.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HttpValidationProblemDetails))]
internal sealed partial class ProblemDetailsJsonContext : JsonSerializerContext;
