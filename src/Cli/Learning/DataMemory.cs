namespace Plasticity.Cli.Learning;

/// <summary>
/// Memory that <c>eigen</c> and <c>learn</c> need for n samples of dimension d, estimated before the work starts so that
/// a run which cannot fit is refused with the estimate (see <see cref="Arguments.MemoryBudget"/>) instead of dying with
/// an OutOfMemoryException.
/// </summary>
/// <remarks>
/// <para>The d×d matrices dominate. One decomposition (<see cref="Plasticity.Analysis.HebbianTheory.eigen"/>) holds at
/// its peak the input matrix, its flattened copy, MathNet's dense copy, the eigenvector matrix the decomposition
/// works in, and the result's vectors: <see cref="MatricesPerDecomposition"/> = 5 matrices of d² doubles. <c>eigen</c>
/// decomposes C and then C⁰ while C's eigenvectors are kept, so its peak is 6; <c>learn</c> decomposes one.</para>
/// <para><c>eigen</c> also writes both eigenvector matrices to eigen.json, about <see cref="JsonBytesPerNumber"/> bytes
/// per number, and the JSON writer holds the whole text in memory until it is flushed at the end, in a buffer that
/// grows by doubling: up to 2 × 2·d² × 31 bytes. Measured peak resident set of <c>eigen</c> on 3 samples (runtime
/// included): 198 MB at d = 1000, 750 MB at d = 2000, 1.40 GB at d = 3000 (eigen.json 549 MB); the estimate,
/// 170·d² bytes, gives 170 MB, 680 MB and 1.53 GB, i.e. the measured peak less the runtime's own ~70 MB.</para>
/// <para>The samples: the dataset, its row copy, and the centred or rescaled copies (one each), 8·n·d bytes apiece.</para>
/// <para><c>learn</c>'s trajectory: per record, the record and its three arrays (about 120 bytes of headers) plus, per
/// output, its norm, alignment and cosines with the k reference eigenvectors (8·(2 + k) bytes and a 24-byte array
/// header).</para>
/// </remarks>
public static class DataMemory
{
    /// <summary>d×d matrices of doubles alive at the peak of one decomposition.</summary>
    public const double MatricesPerDecomposition = 5;

    /// <summary>Bytes of JSON text per written number (measured: 549 MB for the 2·3000² eigenvector entries of eigen.json).</summary>
    public const double JsonBytesPerNumber = 31;

    /// <summary>Bytes per number of the trajectory's CSV text while it is built (UTF-16 text, its copy and its UTF-8 encoding).</summary>
    public const double CsvBytesPerNumber = 150;

    /// <summary>Bytes <c>eigen</c> needs per d² (matrices plus the buffered JSON of both eigenvector matrices).</summary>
    public const double EigenBytesPerSquaredDimension = 8 * (MatricesPerDecomposition + 1) + 2 * 2 * JsonBytesPerNumber;

    /// <summary>Bytes <c>eigen</c> needs.</summary>
    public static double Eigen(int samples, int dimension, bool center)
    {
        double n = samples, d = dimension;
        return EigenBytesPerSquaredDimension * d * d + 8 * (center ? 5 : 4) * n * d;
    }

    /// <summary>Bytes <c>learn</c> needs with <paramref name="outputs"/> outputs, k reference vectors and the given number of trajectory records.</summary>
    public static double Learn(int samples, int dimension, bool center, int outputs, int k, double records)
    {
        double n = samples, d = dimension, o = outputs;
        var matrices = 8 * MatricesPerDecomposition * d * d;
        var data = 8 * (center ? 4 : 3) * n * d;
        var weights = 8 * 3 * o * d;
        var trajectory = records * (120 + o * (24 + 8 * (2 + k)) + CsvBytesPerNumber * (1 + o * (2 + k)));
        return matrices + data + weights + trajectory;
    }

    /// <summary>The largest dimension d with <paramref name="perSquaredDimension"/>·d² ≤ <paramref name="bytes"/>.</summary>
    public static int LargestDimension(double bytes, double perSquaredDimension) =>
        (int)Math.Min(int.MaxValue, Math.Floor(Math.Sqrt(Math.Max(0, bytes) / perSquaredDimension)));
}
