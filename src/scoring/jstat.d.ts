// Minimal types for the parts of jStat (https://github.com/jstat/jstat) that src/scoring uses.
// jStat ships no types; declare only what we call so a wrong call is a compile error.
declare module "jstat" {
  interface JStatStudentT {
    /** P(T ≤ x) for Student's t with `dof` degrees of freedom. */
    cdf(x: number, dof: number): number;
    /** Quantile: the x with P(T ≤ x) = p. */
    inv(p: number, dof: number): number;
  }
  interface JStatCentralF {
    /** P(F ≤ x) for the F distribution with (df1, df2) degrees of freedom. */
    cdf(x: number, df1: number, df2: number): number;
  }
  interface JStatChiSquare {
    /** P(X ≤ x) for the χ² distribution with `dof` degrees of freedom. */
    cdf(x: number, dof: number): number;
  }
  interface JStatNormal {
    /** P(X ≤ x) for N(mean, std²). */
    cdf(x: number, mean: number, std: number): number;
    /** Quantile of N(mean, std²). */
    inv(p: number, mean: number, std: number): number;
  }
  interface JStatStatic {
    studentt: JStatStudentT;
    centralF: JStatCentralF;
    chisquare: JStatChiSquare;
    normal: JStatNormal;
  }
  const jStat: JStatStatic;
  export default jStat;
}
