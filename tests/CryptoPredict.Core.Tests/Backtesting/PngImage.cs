using System.Buffers.Binary;
using System.IO.Compression;

namespace CryptoPredict.Core.Tests.Backtesting;

/// <summary>
/// Just enough of PNG to read back a browser screenshot: 8-bit RGB or RGBA, not interlaced, the five scanline filters.
/// </summary>
internal sealed class PngImage
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    private PngImage(int width, int height, int channels, byte[] pixels)
    {
        Width = width;
        Height = height;
        _channels = channels;
        _pixels = pixels;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>The pixel at (x, y) as 0xRRGGBB.</summary>
    public int Rgb(int x, int y)
    {
        var at = ((y * Width) + x) * _channels;
        return (_pixels[at] << 16) | (_pixels[at + 1] << 8) | _pixels[at + 2];
    }

    /// <summary>The distinct 0xRRGGBB colours of every <paramref name="step"/>-th pixel in both directions.</summary>
    public HashSet<int> Colours(int step = 2)
    {
        var colours = new HashSet<int>();
        for (var y = 0; y < Height; y += step)
        {
            for (var x = 0; x < Width; x += step)
            {
                colours.Add(Rgb(x, y));
            }
        }

        return colours;
    }

    /// <summary>Whether two 0xRRGGBB colours differ by at most 12 in each channel (anti-aliasing and blending).</summary>
    public static bool Near(int rgb, int target) =>
        Math.Abs(((rgb >> 16) & 0xff) - ((target >> 16) & 0xff)) <= 12
        && Math.Abs(((rgb >> 8) & 0xff) - ((target >> 8) & 0xff)) <= 12
        && Math.Abs((rgb & 0xff) - (target & 0xff)) <= 12;

    public static PngImage Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        if (!bytes.AsSpan(0, 8).SequenceEqual(signature))
        {
            throw new InvalidDataException($"{path} is not a PNG file.");
        }

        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (var at = 8; at < bytes.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var data = bytes.AsSpan(at + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                var (depth, color, interlace) = (data[8], data[9], data[12]);
                channels = color switch { 2 => 3, 6 => 4, _ => 0 };
                if (depth != 8 || channels == 0 || interlace != 0)
                {
                    throw new InvalidDataException($"{path}: PNG of depth {depth}, colour type {color}, interlace {interlace} is not read here.");
                }
            }
            else if (type == "IDAT")
            {
                compressed.Write(data);
            }

            at += 12 + length;
        }

        compressed.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        return new PngImage(width, height, channels, Unfilter(inflated.ToArray(), width, height, channels));
    }

    private static byte[] Unfilter(byte[] raw, int width, int height, int channels)
    {
        var stride = width * channels;
        var pixels = new byte[stride * height];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            var source = (y * (stride + 1)) + 1;
            var row = y * stride;
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? pixels[row + i - channels] : 0;
                int b = y > 0 ? pixels[row - stride + i] : 0;
                int c = i >= channels && y > 0 ? pixels[row - stride + i - channels] : 0;
                var predictor = filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG scanline {y} has filter {filter}."),
                };
                pixels[row + i] = (byte)(raw[source + i] + predictor);
            }
        }

        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var (pa, pb, pc) = (Math.Abs(p - a), Math.Abs(p - b), Math.Abs(p - c));
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
