using System.Runtime.InteropServices;
using CryptoPredict.Torch.Native;

namespace CryptoPredict.Torch;

public sealed partial class Tensor
{
    internal Tensor Unary(UnaryOp op, string name) => Wrap(TensorNative.cp_unary((int)op, Handle, out var h), h, name);

    private Tensor Binary(BinaryOp op, Tensor other, string name)
    {
        ArgumentNullException.ThrowIfNull(other);
        var status = TensorNative.cp_binary((int)op, Handle, other.Handle, out var h);
        return Wrap(status, h, status == 0 ? name : $"{name}([{string.Join(", ", Shape)}], [{string.Join(", ", other.Shape)}])");
    }

    private Tensor Scalar(BinaryOp op, double value, string name) => Wrap(TensorNative.cp_binary_scalar((int)op, Handle, value, out var h), h, name);

    // ---- arithmetic ----------------------------------------------------------------------------

    public Tensor Add(Tensor other) => Binary(BinaryOp.Add, other, "add");
    public Tensor Add(double value) => Scalar(BinaryOp.Add, value, "add");
    public Tensor Sub(Tensor other) => Binary(BinaryOp.Sub, other, "sub");
    public Tensor Sub(double value) => Scalar(BinaryOp.Sub, value, "sub");
    public Tensor Mul(Tensor other) => Binary(BinaryOp.Mul, other, "mul");
    public Tensor Mul(double value) => Scalar(BinaryOp.Mul, value, "mul");
    public Tensor Div(Tensor other) => Binary(BinaryOp.Div, other, "div");
    public Tensor Div(double value) => Scalar(BinaryOp.Div, value, "div");
    public Tensor Pow(Tensor exponent) => Binary(BinaryOp.Pow, exponent, "pow");
    public Tensor Pow(double exponent) => Scalar(BinaryOp.Pow, exponent, "pow");
    public Tensor MatMul(Tensor other) => Binary(BinaryOp.MatMul, other, "matmul");
    public Tensor Bmm(Tensor other) => Binary(BinaryOp.Bmm, other, "bmm");
    public Tensor Maximum(Tensor other) => Binary(BinaryOp.Maximum, other, "maximum");
    public Tensor Minimum(Tensor other) => Binary(BinaryOp.Minimum, other, "minimum");

    public static Tensor operator +(Tensor left, Tensor right) => Check(left).Add(right);
    public static Tensor operator +(Tensor left, double right) => Check(left).Add(right);
    public static Tensor operator +(double left, Tensor right) => Check(right).Add(left);
    public static Tensor operator -(Tensor left, Tensor right) => Check(left).Sub(right);
    public static Tensor operator -(Tensor left, double right) => Check(left).Sub(right);
    public static Tensor operator -(double left, Tensor right) => Check(right).Scalar(BinaryOp.RSub, left, "rsub");
    public static Tensor operator *(Tensor left, Tensor right) => Check(left).Mul(right);
    public static Tensor operator *(Tensor left, double right) => Check(left).Mul(right);
    public static Tensor operator *(double left, Tensor right) => Check(right).Mul(left);
    public static Tensor operator /(Tensor left, Tensor right) => Check(left).Div(right);
    public static Tensor operator /(Tensor left, double right) => Check(left).Div(right);
    public static Tensor operator -(Tensor value) => Check(value).Neg();

    private static Tensor Check(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        return tensor;
    }

    // ---- comparisons (bool tensors) -------------------------------------------------------------

    public Tensor Eq(Tensor other) => Binary(BinaryOp.Eq, other, "eq");
    public Tensor Eq(double value) => Scalar(BinaryOp.Eq, value, "eq");
    public Tensor Ne(Tensor other) => Binary(BinaryOp.Ne, other, "ne");
    public Tensor Ne(double value) => Scalar(BinaryOp.Ne, value, "ne");
    public Tensor Lt(Tensor other) => Binary(BinaryOp.Lt, other, "lt");
    public Tensor Lt(double value) => Scalar(BinaryOp.Lt, value, "lt");
    public Tensor Le(Tensor other) => Binary(BinaryOp.Le, other, "le");
    public Tensor Le(double value) => Scalar(BinaryOp.Le, value, "le");
    public Tensor Gt(Tensor other) => Binary(BinaryOp.Gt, other, "gt");
    public Tensor Gt(double value) => Scalar(BinaryOp.Gt, value, "gt");
    public Tensor Ge(Tensor other) => Binary(BinaryOp.Ge, other, "ge");
    public Tensor Ge(double value) => Scalar(BinaryOp.Ge, value, "ge");
    public Tensor LogicalAnd(Tensor other) => Binary(BinaryOp.LogicalAnd, other, "logical_and");
    public Tensor LogicalOr(Tensor other) => Binary(BinaryOp.LogicalOr, other, "logical_or");
    public Tensor LogicalNot() => Unary(UnaryOp.LogicalNot, "logical_not");

    // ---- element-wise functions ----------------------------------------------------------------

    public Tensor Neg() => Unary(UnaryOp.Neg, "neg");
    public Tensor Abs() => Unary(UnaryOp.Abs, "abs");
    public Tensor Sqrt() => Unary(UnaryOp.Sqrt, "sqrt");
    public Tensor Square() => Unary(UnaryOp.Square, "square");
    public Tensor Exp() => Unary(UnaryOp.Exp, "exp");
    public Tensor Log() => Unary(UnaryOp.Log, "log");
    public Tensor Log1p() => Unary(UnaryOp.Log1p, "log1p");
    public Tensor Sign() => Unary(UnaryOp.Sign, "sign");
    public Tensor Floor() => Unary(UnaryOp.Floor, "floor");
    public Tensor Round() => Unary(UnaryOp.Round, "round");
    public Tensor Reciprocal() => Unary(UnaryOp.Reciprocal, "reciprocal");
    public Tensor IsNan() => Unary(UnaryOp.IsNan, "isnan");
    public Tensor IsFinite() => Unary(UnaryOp.IsFinite, "isfinite");
    public Tensor Relu() => Unary(UnaryOp.Relu, "relu");
    public Tensor Gelu() => Unary(UnaryOp.Gelu, "gelu");
    public Tensor Tanh() => Unary(UnaryOp.Tanh, "tanh");
    public Tensor Sigmoid() => Unary(UnaryOp.Sigmoid, "sigmoid");
    public Tensor Softplus() => Unary(UnaryOp.Softplus, "softplus");
    public Tensor Contiguous() => Unary(UnaryOp.Contiguous, "contiguous");
    public Tensor Clone() => Unary(UnaryOp.Clone, "clone");

    public Tensor Clamp(double? min = null, double? max = null) =>
        Wrap(TensorNative.cp_clamp(Handle, min.HasValue ? 1 : 0, min ?? 0, max.HasValue ? 1 : 0, max ?? 0, out var h), h, "clamp");

    public Tensor Softmax(long dim) => Wrap(TensorNative.cp_dim_op((int)DimOp.Softmax, Handle, dim, out var h), h, "softmax");
    public Tensor LogSoftmax(long dim) => Wrap(TensorNative.cp_dim_op((int)DimOp.LogSoftmax, Handle, dim, out var h), h, "log_softmax");
    public Tensor CumSum(long dim) => Wrap(TensorNative.cp_dim_op((int)DimOp.CumSum, Handle, dim, out var h), h, "cumsum");

    /// <summary>Fills with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public Tensor MaskedFill(Tensor mask, double value)
    {
        ArgumentNullException.ThrowIfNull(mask);
        return Wrap(TensorNative.cp_masked_fill(Handle, mask.Handle, value, out var h), h, "masked_fill");
    }

    // ---- reductions ----------------------------------------------------------------------------

    private unsafe Tensor Reduce(ReduceOp op, ReadOnlySpan<long> dims, bool keepDim, bool unbiased, string name)
    {
        fixed (long* d = dims)
        {
            return Wrap(TensorNative.cp_reduce((int)op, Handle, d, dims.Length, keepDim ? 1 : 0, unbiased ? 1 : 0, out var h), h, name);
        }
    }

    public Tensor Sum() => Reduce(ReduceOp.Sum, default, false, false, "sum");
    public Tensor Sum(long dim, bool keepDim = false) => Reduce(ReduceOp.Sum, [dim], keepDim, false, "sum");
    public Tensor Sum(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Sum, dims, keepDim, false, "sum");
    public Tensor Mean() => Reduce(ReduceOp.Mean, default, false, false, "mean");
    public Tensor Mean(long dim, bool keepDim = false) => Reduce(ReduceOp.Mean, [dim], keepDim, false, "mean");
    public Tensor Mean(long[] dims, bool keepDim = false) => Reduce(ReduceOp.Mean, dims, keepDim, false, "mean");
    public Tensor Max() => Reduce(ReduceOp.Max, default, false, false, "max");
    public Tensor Max(long dim, bool keepDim = false) => Reduce(ReduceOp.Max, [dim], keepDim, false, "max");
    public Tensor Min() => Reduce(ReduceOp.Min, default, false, false, "min");
    public Tensor Min(long dim, bool keepDim = false) => Reduce(ReduceOp.Min, [dim], keepDim, false, "min");
    public Tensor ArgMax() => Reduce(ReduceOp.ArgMax, default, false, false, "argmax");
    public Tensor ArgMax(long dim, bool keepDim = false) => Reduce(ReduceOp.ArgMax, [dim], keepDim, false, "argmax");
    public Tensor ArgMin(long dim, bool keepDim = false) => Reduce(ReduceOp.ArgMin, [dim], keepDim, false, "argmin");
    public Tensor Std(bool unbiased = true) => Reduce(ReduceOp.Std, default, false, unbiased, "std");
    public Tensor Std(long dim, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Std, [dim], keepDim, unbiased, "std");
    public Tensor Var(long dim, bool unbiased = true, bool keepDim = false) => Reduce(ReduceOp.Var, [dim], keepDim, unbiased, "var");
    public Tensor LogSumExp(long dim, bool keepDim = false) => Reduce(ReduceOp.LogSumExp, [dim], keepDim, false, "logsumexp");
    public Tensor Any() => Reduce(ReduceOp.Any, default, false, false, "any");
    public Tensor All() => Reduce(ReduceOp.All, default, false, false, "all");

    // ---- shape ---------------------------------------------------------------------------------

    private unsafe Tensor ShapeOperation(ShapeOp op, ReadOnlySpan<long> shape, string name)
    {
        fixed (long* s = shape)
        {
            var status = TensorNative.cp_shape_op((int)op, Handle, s, shape.Length, out var h);
            return Wrap(status, h, status == 0 ? name : $"{name}([{string.Join(", ", Shape)}] -> [{string.Join(", ", shape.ToArray())}])");
        }
    }

    public Tensor Reshape(params long[] shape) => ShapeOperation(ShapeOp.Reshape, shape, "reshape");
    public Tensor View(params long[] shape) => ShapeOperation(ShapeOp.View, shape, "view");
    public Tensor Permute(params long[] dims) => ShapeOperation(ShapeOp.Permute, dims, "permute");
    public Tensor Expand(params long[] shape) => ShapeOperation(ShapeOp.Expand, shape, "expand");

    private Tensor Index(IndexOp op, long a, long b, long c, long d, string name) =>
        Wrap(TensorNative.cp_index_op((int)op, Handle, a, b, c, d, out var h), h, name);

    public Tensor Transpose(long dim0, long dim1) => Index(IndexOp.Transpose, dim0, dim1, 0, 0, "transpose");
    public Tensor Unsqueeze(long dim) => Index(IndexOp.Unsqueeze, dim, 0, 0, 0, "unsqueeze");
    public Tensor Squeeze() => Index(IndexOp.Squeeze, long.MinValue, 0, 0, 0, "squeeze");
    public Tensor Squeeze(long dim) => Index(IndexOp.Squeeze, dim, 0, 0, 0, "squeeze");
    public Tensor Flatten(long startDim = 0, long endDim = -1) => Index(IndexOp.Flatten, startDim, endDim, 0, 0, "flatten");
    public Tensor Narrow(long dim, long start, long length) => Index(IndexOp.Narrow, dim, start, length, 0, "narrow");
    public Tensor Select(long dim, long index) => Index(IndexOp.Select, dim, index, 0, 0, "select");

    /// <summary>Elements <c>start..end</c> (exclusive, negative counts from the end) with a step along <paramref name="dim"/>.</summary>
    public Tensor Slice(long dim, long start, long end, long step = 1) => Index(IndexOp.Slice, dim, start, end, step, "slice");

    public Tensor Tril(long diagonal = 0) => Index(IndexOp.Tril, diagonal, 0, 0, 0, "tril");
    public Tensor Triu(long diagonal = 0) => Index(IndexOp.Triu, diagonal, 0, 0, 0, "triu");

    public Tensor IndexSelect(long dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Wrap(TensorNative.cp_index_select(Handle, dim, index.Handle, out var h), h, "index_select");
    }

    public Tensor Gather(long dim, Tensor index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Wrap(TensorNative.cp_gather(Handle, dim, index.Handle, out var h), h, "gather");
    }

    /// <summary>Splits into chunks of <paramref name="size"/> along <paramref name="dim"/> (the last may be smaller).</summary>
    public unsafe Tensor[] Split(long size, long dim = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var capacity = (int)((Size((int)dim) + size - 1) / size);
        var raw = new IntPtr[Math.Max(capacity, 1)];
        int count;
        fixed (IntPtr* p = raw)
        {
            ErrorNative.Check(TensorNative.cp_split(Handle, size, dim, p, raw.Length, out count), "split");
        }

        var parts = new Tensor[count];
        for (var i = 0; i < count; i++)
        {
            var handle = new TensorHandle();
            Marshal.InitHandle(handle, raw[i]);
            parts[i] = new Tensor(handle);
        }

        return parts;
    }
}
