namespace Vigil.Fuzz;

/// <summary>
/// One thing to fuzz: a name, the seeds it starts from, tokens worth splicing in, and the call under test.
/// <see cref="Run"/> returns normally or throws one of the exceptions the product turns into a clean error;
/// <see cref="IsExpected"/> says which those are. Anything else is a crash.
/// </summary>
internal sealed record FuzzTarget(
    string Name,
    Func<IReadOnlyList<byte[]>> Seeds,
    IReadOnlyList<byte[]> Tokens,
    Action<byte[]> Run,
    Func<Exception, bool> IsExpected);
