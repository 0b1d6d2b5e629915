namespace CryptoPredict.Torch.Native;

// Operation codes shared with native/src/tensor.cpp; keep the numbers in sync.
internal enum UnaryOp
{
    Neg = 0, Abs = 1, Sqrt = 2, Exp = 3, Log = 4, Relu = 5, Gelu = 6, Tanh = 7, Sigmoid = 8, Softplus = 9,
    Contiguous = 10, Clone = 11, Detach = 12, Square = 13, Sign = 14, IsNan = 15, LogicalNot = 16, Floor = 17,
    Round = 18, Reciprocal = 19, Log1p = 20, IsFinite = 21,
}

internal enum BinaryOp
{
    Add = 0, Sub = 1, Mul = 2, Div = 3, MatMul = 4, Bmm = 5, Pow = 6, Maximum = 7, Minimum = 8, Eq = 9, Ne = 10,
    Lt = 11, Le = 12, Gt = 13, Ge = 14, LogicalAnd = 15, LogicalOr = 16, RSub = 17,
}

internal enum ReduceOp
{
    Sum = 0, Mean = 1, Max = 2, Min = 3, ArgMax = 4, ArgMin = 5, Std = 6, Var = 7, LogSumExp = 8, Prod = 9, Any = 10, All = 11,
}

internal enum DimOp
{
    Softmax = 0, LogSoftmax = 1, CumSum = 2,
}

internal enum ShapeOp
{
    Reshape = 0, View = 1, Permute = 2, Expand = 3,
}

internal enum IndexOp
{
    Transpose = 0, Unsqueeze = 1, Squeeze = 2, Flatten = 3, Narrow = 4, Select = 5, Slice = 6, Tril = 8, Triu = 9,
}

internal enum PoolOp
{
    AdaptiveAvg = 0, AdaptiveMax = 1, Avg = 2, Max = 3,
}

internal enum FactoryKind
{
    Zeros = 0, Ones = 1, Randn = 2, Rand = 3, Empty = 4, Full = 5,
}

internal enum InPlaceKind
{
    Copy = 0, Zero = 1, Fill = 2, Uniform = 3, Normal = 4,
}
