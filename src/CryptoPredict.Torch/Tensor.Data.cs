using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

public sealed partial class Tensor
{
    /// <summary>Copies the elements (row-major, converted to float32) into <paramref name="destination"/>.</summary>
    public unsafe void CopyTo(Span<float> destination)
    {
        fixed (float* p = destination)
        {
            ErrorNative.Check(TensorNative.cp_tensor_to_f32(Handle, p, destination.Length), "read float32");
        }
    }

    public unsafe void CopyTo(Span<double> destination)
    {
        fixed (double* p = destination)
        {
            ErrorNative.Check(TensorNative.cp_tensor_to_f64(Handle, p, destination.Length), "read float64");
        }
    }

    public unsafe void CopyTo(Span<long> destination)
    {
        fixed (long* p = destination)
        {
            ErrorNative.Check(TensorNative.cp_tensor_to_i64(Handle, p, destination.Length), "read int64");
        }
    }

    public unsafe void CopyTo(Span<byte> destination)
    {
        fixed (byte* p = destination)
        {
            ErrorNative.Check(TensorNative.cp_tensor_to_u8(Handle, p, destination.Length), "read uint8");
        }
    }

    /// <summary>All elements, row-major, converted to <typeparamref name="T"/> (float, double, long, byte or bool).</summary>
    public T[] ToArray<T>()
        where T : unmanaged
    {
        var n = checked((int)NumberOfElements);
        var result = new T[n];
        if (typeof(T) == typeof(float))
        {
            CopyTo((float[])(object)result);
        }
        else if (typeof(T) == typeof(double))
        {
            CopyTo((double[])(object)result);
        }
        else if (typeof(T) == typeof(long))
        {
            CopyTo((long[])(object)result);
        }
        else if (typeof(T) == typeof(byte))
        {
            CopyTo((byte[])(object)result);
        }
        else if (typeof(T) == typeof(bool))
        {
            var bytes = new byte[n];
            CopyTo(bytes);
            var flags = (bool[])(object)result;
            for (var i = 0; i < n; i++)
            {
                flags[i] = bytes[i] != 0;
            }
        }
        else
        {
            throw new NotSupportedException($"Reading a tensor as {typeof(T).Name} is not supported; use float, double, long, byte or bool.");
        }

        return result;
    }

    /// <summary>The value of a one-element tensor.</summary>
    public T Item<T>()
        where T : unmanaged
    {
        var n = NumberOfElements;
        if (n != 1)
        {
            throw new InvalidOperationException($"Item() needs a tensor with exactly one element; this one has {n} (shape [{string.Join(", ", Shape)}]).");
        }

        return ToArray<T>()[0];
    }
}
