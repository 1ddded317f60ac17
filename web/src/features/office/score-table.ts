// 考核 as a table: a column per line of the scheme (the server sends the columns,
// with the points for each), holding the counts, so every total can be checked by hand.

/** A row's count per rule (the server leaves out lines with a count of 0). */
export function countsByRule(lines: readonly { rule: string; count: number }[]): (rule: string) => number {
  const counts = new Map(lines.map((l) => [l.rule, l.count]))
  return (rule) => counts.get(rule) ?? 0
}

/** The years the picker offers: this year and the five before it (CST). */
export function scoreYears(currentYear: number): number[] {
  return Array.from({ length: 6 }, (_, i) => currentYear - i)
}
