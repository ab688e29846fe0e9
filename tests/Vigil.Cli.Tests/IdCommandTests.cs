using System.Text.Json;

namespace Vigil.Cli.Tests;

/// <summary><c>vigil id</c> end to end, running the built CLI.</summary>
public sealed class IdCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vigil-id-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Id_PrintsTheIdsKeygenCreated()
    {
        CliRun keygen = CliRunner.Run("keygen", "--dir", _dir);
        CliRun id = CliRunner.Run("id", "--dir", _dir);

        Assert.Equal(0, id.Exit);
        Assert.Equal(string.Empty, id.Stderr);
        Assert.Equal(keygen.Stdout, id.Stdout);
    }

    [Fact]
    public void IdJson_IsOneObjectWithBothIds()
    {
        CliRunner.Run("keygen", "--dir", _dir);
        string[] text = CliRunner.Run("id", "--dir", _dir).Stdout.Split('\n');
        string agent = text[0]["agent_id ".Length..];
        string machine = text[1]["machine_id ".Length..];

        CliRun json = CliRunner.Run("id", "--dir", _dir, "--json");

        Assert.Equal(0, json.Exit);
        Assert.Equal($"{{\"agent_id\":\"{agent}\",\"machine_id\":\"{machine}\"}}\n", json.Stdout);
        using JsonDocument doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(agent, doc.RootElement.GetProperty("agent_id").GetString());
    }

    [Fact]
    public void Id_WithoutKeys_ExitsTwo_NamingTheMissingFile()
    {
        CliRun r = CliRunner.Run("id", "--dir", _dir);
        Assert.Equal(2, r.Exit);
        Assert.Equal(string.Empty, r.Stdout);
        Assert.Equal($"vigil: error: {Path.Combine(_dir, "machine.key")}: not found (run 'vigil keygen' to create keys)\n", r.Stderr);
    }

    [Fact]
    public void Id_CorruptAgentKey_ExitsTwo_WithOneLine()
    {
        CliRunner.Run("keygen", "--dir", _dir);
        string agentKey = Path.Combine(_dir, "agent.key");
        File.WriteAllText(agentKey, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

        CliRun r = CliRunner.Run("id", "--dir", _dir);

        Assert.Equal(2, r.Exit);
        Assert.StartsWith($"vigil: error: {agentKey}: not a valid ML-DSA-65 private key", r.Stderr, StringComparison.Ordinal);
        Assert.Single(r.Stderr.TrimEnd('\n').Split('\n'));
    }
}
