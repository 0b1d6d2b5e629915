using System.Text;

namespace CryptoPredict.Core.IO;

/// <summary>
/// Several output files that appear together or not at all, as far as a failure while producing them goes: each is
/// first written completely to a temporary file beside its destination (<see cref="Stage"/>), and only
/// <see cref="Commit"/> renames them into place, each rename atomic. A failure before the commit (bad input found
/// half-way, a full disk) leaves every destination untouched, and disposing removes the temporary files. A kill
/// during the commit itself can leave some destinations new and the others old, each whole; files that must change
/// together for readers need one folder and one pointer instead (see the model bundle).
/// </summary>
public sealed class StagedFiles : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly List<(string Temp, string Destination)> _pending = [];

    /// <summary>Writes the future content of <paramref name="destination"/> to a temporary file now.</summary>
    public void Stage(string destination, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(destination);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(destination);
        if (_pending.Exists(p => string.Equals(p.Destination, full, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{full}' is already staged.", nameof(destination));
        }

        _pending.Add((AtomicFile.WriteTemporary(full, write), full));
    }

    /// <summary>Stages text written through a UTF-8 writer (no byte-order mark).</summary>
    public void StageText(string destination, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        Stage(destination, stream =>
        {
            using var writer = new StreamWriter(stream, Utf8, bufferSize: 1 << 16, leaveOpen: true);
            write(writer);
        });
    }

    /// <summary>Moves every staged file over its destination, in the order staged.</summary>
    public void Commit()
    {
        while (_pending.Count > 0)
        {
            var (temp, destination) = _pending[0];
            AtomicFile.MoveOver(temp, destination);
            _pending.RemoveAt(0);
        }
    }

    /// <summary>Deletes the temporary files of anything staged but not committed.</summary>
    public void Dispose()
    {
        foreach (var (temp, _) in _pending)
        {
            AtomicFile.TryDelete(temp);
        }

        _pending.Clear();
    }
}
