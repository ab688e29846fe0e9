using System.Runtime.InteropServices;
using System.Text;

namespace Vigil.Core.Columns;

/// <summary>
/// A string dictionary keyed by UTF-8 bytes: finds the code of a byte span without decoding or allocating, and
/// decodes a string only the first time a distinct value is added. Codes are dense, in insertion order.
/// </summary>
public sealed class Utf8StringTable
{
    private int[] _buckets = new int[64]; // code + 1; 0 = empty
    private int[] _hashes = new int[32];
    private int[] _starts = new int[32];
    private int[] _lengths = new int[32];
    private byte[] _arena = new byte[1024];
    private int _arenaUsed;

    public int Count { get; private set; }

    /// <summary>The code of <paramref name="utf8"/>, or -1 when absent.</summary>
    public int IndexOf(ReadOnlySpan<byte> utf8)
    {
        int hash = Hash(utf8);
        int mask = _buckets.Length - 1;
        for (int slot = hash & mask; ; slot = (slot + 1) & mask)
        {
            int entry = _buckets[slot] - 1;
            if (entry < 0)
            {
                return -1;
            }

            if (_hashes[entry] == hash && utf8.SequenceEqual(_arena.AsSpan(_starts[entry], _lengths[entry])))
            {
                return entry;
            }
        }
    }

    /// <summary>The bytes of the value with this code.</summary>
    public ReadOnlySpan<byte> this[int code] => _arena.AsSpan(_starts[code], _lengths[code]);

    /// <summary>The code of <paramref name="utf8"/>, adding it (and decoding it once into <paramref name="strings"/>) when new.</summary>
    internal int GetOrAdd(ReadOnlySpan<byte> utf8, List<string> strings)
    {
        int hash = Hash(utf8);
        int mask = _buckets.Length - 1;
        int slot = hash & mask;
        while (true)
        {
            int entry = _buckets[slot] - 1;
            if (entry < 0)
            {
                break;
            }

            if (_hashes[entry] == hash && utf8.SequenceEqual(_arena.AsSpan(_starts[entry], _lengths[entry])))
            {
                return entry;
            }

            slot = (slot + 1) & mask;
        }

        int code = Count;
        Add(utf8, hash, slot);
        strings.Add(Encoding.UTF8.GetString(utf8));
        return code;
    }

    /// <summary>Adds a value known to be absent and returns its code.</summary>
    public int AddKnownNew(ReadOnlySpan<byte> utf8)
    {
        int hash = Hash(utf8);
        int mask = _buckets.Length - 1;
        int slot = hash & mask;
        while (_buckets[slot] != 0)
        {
            slot = (slot + 1) & mask;
        }

        int code = Count;
        Add(utf8, hash, slot);
        return code;
    }

    private void Add(ReadOnlySpan<byte> utf8, int hash, int slot)
    {
        int code = Count;
        if (code == _hashes.Length)
        {
            int grown = code * 2;
            Array.Resize(ref _hashes, grown);
            Array.Resize(ref _starts, grown);
            Array.Resize(ref _lengths, grown);
        }

        if (_arenaUsed + utf8.Length > _arena.Length)
        {
            Array.Resize(ref _arena, Math.Max(_arenaUsed + utf8.Length, _arena.Length * 2));
        }

        utf8.CopyTo(_arena.AsSpan(_arenaUsed));
        _hashes[code] = hash;
        _starts[code] = _arenaUsed;
        _lengths[code] = utf8.Length;
        _arenaUsed += utf8.Length;
        _buckets[slot] = code + 1;
        Count = code + 1;
        if (Count * 2 > _buckets.Length)
        {
            Rehash();
        }
    }

    private void Rehash()
    {
        _buckets = new int[_buckets.Length * 2];
        int mask = _buckets.Length - 1;
        for (int code = 0; code < Count; code++)
        {
            int slot = _hashes[code] & mask;
            while (_buckets[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _buckets[slot] = code + 1;
        }
    }

    // Deterministic (no per-process seed needed: codes never depend on the hash, only lookups do).
    private static int Hash(ReadOnlySpan<byte> s)
    {
        ulong h = 0x9E3779B97F4A7C15UL ^ (ulong)s.Length;
        while (s.Length >= 8)
        {
            h = (h ^ MemoryMarshal.Read<ulong>(s)) * 0xFF51AFD7ED558CCDUL;
            h ^= h >> 29;
            s = s[8..];
        }

        ulong tail = 0;
        for (int i = 0; i < s.Length; i++)
        {
            tail |= (ulong)s[i] << (8 * i);
        }

        h = (h ^ tail) * 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 32;
        return (int)h & int.MaxValue;
    }
}
