using Vigil.Exec.Identity;

namespace Vigil.Exec.Tests.Identity;

public sealed class CanonicalRequestTests
{
    private static ExecRequest Sample(IReadOnlyList<string> argv, bool cwd = true) => new(
        MachineId.FromBytes(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        RequestId.FromBytes(Enumerable.Range(0xA0, 16).Select(i => (byte)i).ToArray()),
        0x0102030405060708UL,
        0x0A0B0C0DU,
        argv,
        "abc"u8.ToArray(),
        cwd);

    [Fact]
    public void Encode_FollowsTheDesignLayoutByteForByte()
    {
        // Written out from design/exec.md "Transport"; SHA-256("abc") is the FIPS 180-2 test vector.
        string expected = string.Concat(
            "766967696c2d657865632d726571756573742d763100",                       // "vigil-exec-request-v1\0"
            "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20", // target MachineId
            "a0a1a2a3a4a5a6a7a8a9aaabacadaeaf",                                 // request id
            "0807060504030201",                                                 // issued-at, u64 LE
            "0d0c0b0a",                                                         // timeout ms, u32 LE
            "02000000",                                                         // argv count
            "02000000" + "6c73",                                                // "ls"
            "02000000" + "c3a9",                                                // "é" in UTF-8
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", // SHA-256(stdin)
            "01");                                                              // cwd flag

        Assert.Equal(expected, Convert.ToHexStringLower(CanonicalRequest.Encode(Sample(["ls", "é"]))));
    }

    [Fact]
    public void Encode_SeparatesTokens_SoSplittingOrJoiningChangesTheBytes()
    {
        byte[] joined = CanonicalRequest.Encode(Sample(["a b"]));
        byte[] split = CanonicalRequest.Encode(Sample(["a", "b"]));
        byte[] empty = CanonicalRequest.Encode(Sample(["a", "b", ""]));
        Assert.NotEqual(joined, split);
        Assert.NotEqual(split, empty);
    }

    [Fact]
    public void Encode_CwdFlagIsTheLastByte()
    {
        Assert.Equal(0, CanonicalRequest.Encode(Sample(["ls"], cwd: false))[^1]);
        Assert.Equal(1, CanonicalRequest.Encode(Sample(["ls"], cwd: true))[^1]);
    }

    [Fact]
    public void Encode_RefusesTextThatIsNotValidUnicode()
    {
        Assert.Throws<ArgumentException>(() => CanonicalRequest.Encode(Sample(["ok", "bad\uD800"])));
    }
}
