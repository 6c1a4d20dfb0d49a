using System.Text.Json.Serialization;

namespace Plasticity.Cli.Output;

/// <summary>
/// The System.Text.Json metadata of every result body <see cref="JsonEnvelope"/> writes, generated at compile time so
/// that the Native AOT build (no reflection serializer) writes the same bytes as the JIT build. A new body type is
/// listed here; the types it holds are found by the generator.
/// </summary>
/// <remarks>
/// Only the metadata comes from here: <see cref="JsonEnvelope.Options"/> keeps the naming policy (snake_case), the
/// encoder, the indentation and the converter that refuses non-finite numbers, applied to this metadata at run time.
/// </remarks>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(BenchReport.BenchFile))]
[JsonSerializable(typeof(EigenCommand.EigenBody))]
[JsonSerializable(typeof(GenerateCommand.GaussianTruth))]
[JsonSerializable(typeof(LearnSummaryJson.SummaryBody))]
internal sealed partial class ResultJsonContext : JsonSerializerContext;
