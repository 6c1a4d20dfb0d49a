using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Plasticity.Core.Plasticity.Training;

/// <summary>
/// The lane-wise operations the fused kernels (<see cref="RowSums"/>, the GHA deflation passes) take on a SIMD vector
/// of doubles, so that one kernel body serves both block widths TensorPrimitives uses: Vector256 (AVX2 order) and
/// Vector512 (AVX-512 order), both implemented by <see cref="VectorOps"/>.
/// </summary>
/// <remarks>
/// Why an interface of our own: System.Runtime.Intrinsics.ISimdVector is not public in .NET 10. Kernels take the vector
/// type and <see cref="VectorOps"/> as struct type arguments, so the JIT compiles each width on its own with every call
/// inlined — the vector instructions of code written against Vector256 or Vector512 directly. Each member is the one
/// Vector256/Vector512 operation its name says (no fused multiply–add), so a kernel's doubles are those of that code.
/// </remarks>
/// <typeparam name="TVector">Vector256&lt;double&gt; or Vector512&lt;double&gt;.</typeparam>
internal interface IVectorOps<TVector>
    where TVector : struct
{
    /// <summary>Doubles per vector.</summary>
    static abstract int Lanes { get; }

    /// <summary>All lanes +0.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TVector Create(double value);

    /// <summary>The vector at <paramref name="source"/> + <paramref name="offset"/> elements (unaligned).</summary>
    static abstract TVector Load(ref double source, nuint offset);

    /// <summary>Writes <paramref name="value"/> at <paramref name="destination"/> + <paramref name="offset"/> elements.</summary>
    static abstract void Store(TVector value, ref double destination, nuint offset);

    /// <summary>a + b.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a · b, rounded on its own (never fused into a following add).</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>The mask of the last <paramref name="count"/> lanes (0 ≤ count &lt; <see cref="Lanes"/>).</summary>
    static abstract TVector TrailingMask(int count);

    /// <summary>The lanes of <paramref name="value"/> where <paramref name="mask"/> is set, +0 in the others.</summary>
    static abstract TVector Keep(TVector mask, TVector value);

    /// <summary>The sum of the lanes (Vector256.Sum / Vector512.Sum, TensorPrimitives' final reduction).</summary>
    static abstract double Sum(TVector value);
}

/// <summary>
/// <see cref="IVectorOps{TVector}"/> for Vector256&lt;double&gt; (4 lanes) and Vector512&lt;double&gt; (8 lanes), each
/// operation's two widths side by side; the members that differ only in their result type are explicit.
/// </summary>
internal readonly struct VectorOps : IVectorOps<Vector256<double>>, IVectorOps<Vector512<double>>
{
    static int IVectorOps<Vector256<double>>.Lanes => Vector256<double>.Count;

    static int IVectorOps<Vector512<double>>.Lanes => Vector512<double>.Count;

    static Vector256<double> IVectorOps<Vector256<double>>.Zero => Vector256<double>.Zero;

    static Vector512<double> IVectorOps<Vector512<double>>.Zero => Vector512<double>.Zero;

    static Vector256<double> IVectorOps<Vector256<double>>.Create(double value) => Vector256.Create(value);

    static Vector512<double> IVectorOps<Vector512<double>>.Create(double value) => Vector512.Create(value);

    static Vector256<double> IVectorOps<Vector256<double>>.Load(ref double source, nuint offset) => Vector256.LoadUnsafe(ref source, offset);

    static Vector512<double> IVectorOps<Vector512<double>>.Load(ref double source, nuint offset) => Vector512.LoadUnsafe(ref source, offset);

    // Lanes 4 − count … 3 set (the last count elements of the block). Inlined (too large to be by default): a call
    // after the block loops makes the JIT keep the accumulators, live across it, in memory inside the loops.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector256<double> IVectorOps<Vector256<double>>.TrailingMask(int count) =>
        Vector256.GreaterThanOrEqual(Vector256.Create(0.0, 1.0, 2.0, 3.0), Vector256.Create((double)(Vector256<double>.Count - count))).AsDouble();

    // Lanes 8 − count … 7 set.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    static Vector512<double> IVectorOps<Vector512<double>>.TrailingMask(int count) =>
        Vector512.GreaterThanOrEqual(Vector512.Create(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0), Vector512.Create((double)(Vector512<double>.Count - count))).AsDouble();

    public static void Store(Vector256<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    public static void Store(Vector512<double> value, ref double destination, nuint offset) => value.StoreUnsafe(ref destination, offset);

    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    public static Vector256<double> Keep(Vector256<double> mask, Vector256<double> value) => Vector256.ConditionalSelect(mask, value, Vector256<double>.Zero);

    public static Vector512<double> Keep(Vector512<double> mask, Vector512<double> value) => Vector512.ConditionalSelect(mask, value, Vector512<double>.Zero);

    public static double Sum(Vector256<double> value) => Vector256.Sum(value);

    public static double Sum(Vector512<double> value) => Vector512.Sum(value);
}
