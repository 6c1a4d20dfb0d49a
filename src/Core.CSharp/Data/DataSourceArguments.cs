namespace Plasticity.Core.Data;

/// <summary>Argument checks shared by the <see cref="DataSources"/> generators.</summary>
internal static class DataSourceArguments
{
    /// <summary>count ≥ 1 and count·dimension fits one array (the dataset is stored row-major in one block).</summary>
    public static void CheckCount(int count, int dimension, string countName)
    {
        if (count < 1 || (long)count * dimension > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(countName, count, $"{countName} must be in [1, {Array.MaxLength / Math.Max(dimension, 1)}] (count × dimension ≤ {Array.MaxLength}).");
        }
    }

    /// <summary>A non-empty vector of finite values.</summary>
    public static void CheckFiniteVector(double[] vector, string name)
    {
        ArgumentNullException.ThrowIfNull(vector, name);
        if (vector.Length == 0)
        {
            throw new ArgumentException($"{name} must have at least one component.", name);
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!double.IsFinite(vector[i]))
            {
                throw new ArgumentOutOfRangeException(name, vector[i], $"{name}[{i}] is {vector[i]}; every component must be finite.");
            }
        }
    }

    /// <summary>A matrix of finite values with the given shape.</summary>
    public static void CheckFiniteMatrix(double[,] matrix, int rows, int columns, string name)
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        if (matrix.GetLength(0) != rows || matrix.GetLength(1) != columns)
        {
            throw new ArgumentException($"{name} is {matrix.GetLength(0)} × {matrix.GetLength(1)}; expected {rows} × {columns}.", name);
        }

        for (var i = 0; i < rows; i++)
        {
            for (var j = 0; j < columns; j++)
            {
                if (!double.IsFinite(matrix[i, j]))
                {
                    throw new ArgumentOutOfRangeException(name, matrix[i, j], $"{name}[{i}, {j}] is {matrix[i, j]}; every entry must be finite.");
                }
            }
        }
    }
}
