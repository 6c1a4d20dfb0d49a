namespace Plasticity.Cli.Output;

/// <summary>One column of a <see cref="TextTable"/>.</summary>
/// <param name="Header">Column title.</param>
/// <param name="RightAligned">Numbers right-aligned (the default), names left-aligned.</param>
public sealed record TextColumn(string Header, bool RightAligned = true);

/// <summary>A console table: columns and rows of cell text (already formatted, e.g. with <see cref="NumberFormat"/>).</summary>
/// <param name="Columns">The columns; the first one identifies a row and is repeated when the table is split.</param>
/// <param name="Rows">The rows; each has one cell per column.</param>
public sealed record TextTable(IReadOnlyList<TextColumn> Columns, IReadOnlyList<IReadOnlyList<string>> Rows);
