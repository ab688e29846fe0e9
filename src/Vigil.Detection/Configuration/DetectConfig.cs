using System.Globalization;
using System.Text;
using System.Text.Json;
using Vigil.Core.Text;

namespace Vigil.Detection.Configuration;

/// <summary>
/// Every detector parameter (reference §4.10), immutable. Field order here is the serialized and <c>describe</c>
/// order; <see cref="ConfigVersion"/> fingerprints every field that changes output.
/// </summary>
public sealed record DetectConfig
{
    /// <summary>The field names in serialized order (the keys <c>--set</c> accepts).</summary>
    public static IReadOnlyList<string> FieldNames { get; } =
    [
        "point_threshold", "point_min_n", "column_roles", "point_fdr_q", "dist_alpha", "psi_threshold", "psi_bins",
        "dist_min_n", "struct_null_rate", "mv_alpha", "mv_min_n", "mv_ridge", "ctx_period", "ctx_threshold",
        "ctx_min_per_phase", "coll_min_n", "coll_threshold", "cadence_column", "cad_max_cv", "cad_min_n",
    ];

    public static DetectConfig Default { get; } = new();

    public double PointThreshold { get; init; } = 3.5;

    public ulong PointMinN { get; init; } = 8;

    public bool ColumnRoles { get; init; } = true;

    public double? PointFdrQ { get; init; }

    public double DistAlpha { get; init; } = 0.05;

    public double PsiThreshold { get; init; } = 0.2;

    public ulong PsiBins { get; init; } = 10;

    public ulong DistMinN { get; init; } = 20;

    public double StructNullRate { get; init; } = 0.5;

    public double MvAlpha { get; init; } = 0.001;

    public ulong MvMinN { get; init; } = 20;

    public double MvRidge { get; init; } = 1e-9;

    public ulong CtxPeriod { get; init; }

    public double CtxThreshold { get; init; } = 3.5;

    public ulong CtxMinPerPhase { get; init; } = 4;

    public ulong CollMinN { get; init; } = 20;

    public double CollThreshold { get; init; } = 5.0;

    public string? CadenceColumn { get; init; }

    public double CadMaxCv { get; init; } = 0.05;

    public ulong CadMinN { get; init; } = 20;

    /// <summary>The <c>config_version</c> fingerprint (reference §3.6), byte-exact.</summary>
    public string ConfigVersion()
    {
        var sb = new StringBuilder("anomalyx-cfg/9");
        sb.Append(";pt=").Append(RustFormat.Fixed(PointThreshold, 4));
        sb.Append(";ptn=").Append(Int(PointMinN));
        sb.Append(";cr=").Append(ColumnRoles ? "true" : "false");
        sb.Append(";pfdr=").Append(PointFdrQ is double q ? RustFormat.Fixed(q, 4) : string.Empty);
        sb.Append(";da=").Append(RustFormat.Fixed(DistAlpha, 4));
        sb.Append(";psi=").Append(RustFormat.Fixed(PsiThreshold, 4));
        sb.Append(";psib=").Append(Int(PsiBins));
        sb.Append(";dmn=").Append(Int(DistMinN));
        sb.Append(";snr=").Append(RustFormat.Fixed(StructNullRate, 4));
        sb.Append(";mva=").Append(RustFormat.Fixed(MvAlpha, 5));
        sb.Append(";mvn=").Append(Int(MvMinN));
        sb.Append(";mvr=").Append(RustFormat.Exp(MvRidge));
        sb.Append(";cxp=").Append(Int(CtxPeriod));
        sb.Append(";cxt=").Append(RustFormat.Fixed(CtxThreshold, 4));
        sb.Append(";cxm=").Append(Int(CtxMinPerPhase));
        sb.Append(";cln=").Append(Int(CollMinN));
        sb.Append(";clt=").Append(RustFormat.Fixed(CollThreshold, 4));
        sb.Append(";cdc=").Append(CadenceColumn ?? string.Empty);
        sb.Append(";cdcv=").Append(RustFormat.Fixed(CadMaxCv, 4));
        sb.Append(";cdn=").Append(Int(CadMinN));
        return sb.ToString();
    }

    /// <summary>
    /// The fields in serialized order with their values: <see cref="double"/>, <see cref="ulong"/>, <see cref="bool"/>,
    /// <see cref="string"/> or null.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, object?>> Fields() =>
    [
        new("point_threshold", PointThreshold),
        new("point_min_n", PointMinN),
        new("column_roles", ColumnRoles),
        new("point_fdr_q", PointFdrQ),
        new("dist_alpha", DistAlpha),
        new("psi_threshold", PsiThreshold),
        new("psi_bins", PsiBins),
        new("dist_min_n", DistMinN),
        new("struct_null_rate", StructNullRate),
        new("mv_alpha", MvAlpha),
        new("mv_min_n", MvMinN),
        new("mv_ridge", MvRidge),
        new("ctx_period", CtxPeriod),
        new("ctx_threshold", CtxThreshold),
        new("ctx_min_per_phase", CtxMinPerPhase),
        new("coll_min_n", CollMinN),
        new("coll_threshold", CollThreshold),
        new("cadence_column", CadenceColumn),
        new("cad_max_cv", CadMaxCv),
        new("cad_min_n", CadMinN),
    ];

    /// <summary>
    /// Writes the config as a JSON object in field order; floats use the contract's rendering (<see cref="JsonNumber"/>).
    /// The writer's own encoder decides string escaping.
    /// </summary>
    public void WriteJson(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in Fields())
        {
            writer.WritePropertyName(name);
            switch (value)
            {
                case null:
                    writer.WriteNullValue();
                    break;
                case double d:
                    writer.WriteRawValue(JsonNumber.Format(d), skipInputValidation: true);
                    break;
                case ulong u:
                    writer.WriteNumberValue(u);
                    break;
                case bool b:
                    writer.WriteBooleanValue(b);
                    break;
                case string s:
                    writer.WriteStringValue(s);
                    break;
            }
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Applies one <c>--set KEY=VALUE</c> override (reference §1.5 step 3): the value is coerced by the JSON type of
    /// the field's current value, then checked against the field's declared type. No range checks.
    /// </summary>
    /// <exception cref="ConfigException">Unknown key, unparsable value, or a value of the wrong type.</exception>
    public DetectConfig Apply(string key, string value)
    {
        int index = -1;
        for (int i = 0; i < FieldNames.Count; i++)
        {
            if (string.Equals(FieldNames[i], key, StringComparison.Ordinal))
            {
                index = i;
                break;
            }
        }

        if (index < 0)
        {
            throw new ConfigException($"--set: unknown config key '{key}' (see `describe`)");
        }

        object? current = Fields()[index].Value;
        object? coerced = current switch
        {
            bool => value switch
            {
                "true" => true,
                "false" => false,
                _ => throw CannotParse(key, value),
            },
            double => RustNumberParser.TryParseF64(value, out double d) && double.IsFinite(d) ? d : throw CannotParse(key, value),
            ulong => RustNumberParser.TryParseI64(value, out long l) ? l : throw CannotParse(key, value),
            string => value,
            // An unset optional: a number if it reads as one (a non-finite one has no JSON form and stays null), else text.
            _ => RustNumberParser.TryParseF64(value, out double n) ? (double.IsFinite(n) ? n : null) : value,
        };

        return With(key, coerced);
    }

    /// <summary>Applies overrides in order; the first failure throws.</summary>
    public DetectConfig Apply(IEnumerable<KeyValuePair<string, string>> overrides)
    {
        DetectConfig config = this;
        foreach (var (k, v) in overrides)
        {
            config = config.Apply(k, v);
        }

        return config;
    }

    // The deserialisation half of the JSON round-trip: type mismatches fail with serde's wording.
    private DetectConfig With(string key, object? value)
    {
        switch (key)
        {
            case "column_roles":
                return this with { ColumnRoles = (bool)value! };
            case "point_fdr_q":
                return this with { PointFdrQ = OptionalFloat(value) };
            case "cadence_column":
                return this with { CadenceColumn = OptionalString(value) };
        }

        if (value is double d)
        {
            return key switch
            {
                "point_threshold" => this with { PointThreshold = d },
                "dist_alpha" => this with { DistAlpha = d },
                "psi_threshold" => this with { PsiThreshold = d },
                "struct_null_rate" => this with { StructNullRate = d },
                "mv_alpha" => this with { MvAlpha = d },
                "mv_ridge" => this with { MvRidge = d },
                "ctx_threshold" => this with { CtxThreshold = d },
                "coll_threshold" => this with { CollThreshold = d },
                _ => this with { CadMaxCv = d },
            };
        }

        long l = (long)value!;
        if (l < 0)
        {
            throw Invalid($"invalid value: integer `{l.ToString(CultureInfo.InvariantCulture)}`, expected usize");
        }

        ulong u = (ulong)l;
        return key switch
        {
            "point_min_n" => this with { PointMinN = u },
            "psi_bins" => this with { PsiBins = u },
            "dist_min_n" => this with { DistMinN = u },
            "mv_min_n" => this with { MvMinN = u },
            "ctx_period" => this with { CtxPeriod = u },
            "ctx_min_per_phase" => this with { CtxMinPerPhase = u },
            "coll_min_n" => this with { CollMinN = u },
            _ => this with { CadMinN = u },
        };
    }

    private static double? OptionalFloat(object? value) => value switch
    {
        null => null,
        double d => d,
        string s => throw Invalid($"invalid type: string {JsonQuote(s)}, expected f64"),
        _ => throw Invalid("invalid type, expected f64"),
    };

    private static string? OptionalString(object? value) => value switch
    {
        null => null,
        string s => s,
        double d => throw Invalid($"invalid type: floating point `{SerdeFloat(d)}`, expected a string"),
        _ => throw Invalid("invalid type, expected a string"),
    };

    // serde's Unexpected::Float: Rust Display of the float, with ".0" appended when it shows no decimal point.
    private static string SerdeFloat(double d)
    {
        string text = Math.Abs(d) < 1e16 && d == Math.Floor(d)
            ? d.ToString("F0", CultureInfo.InvariantCulture)
            : d.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.', StringComparison.Ordinal) || text.Contains('E', StringComparison.Ordinal) ? text : text + ".0";
    }

    // The writer, not JsonSerializer: the native (AOT) build has no reflection-based serializer. Same escaping.
    private static string JsonQuote(string s)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JsonQuoting.Options.Encoder }))
        {
            writer.WriteStringValue(s);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static ConfigException CannotParse(string key, string value) => new($"--set {key}: cannot parse '{value}' for this field");

    private static ConfigException Invalid(string serdeMessage) => new($"--set produced an invalid config: {serdeMessage}");

    private static string Int(ulong v) => v.ToString(CultureInfo.InvariantCulture);

    private static class JsonQuoting
    {
        public static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    }
}
