// Minimal types for the parts of jStat (https://github.com/jstat/jstat) that src/scoring uses.
// jStat ships no types; declare only what we call so a wrong call is a compile error.
declare module "jstat" {
  interface JStatStudentT {
    /** Quantile: the x with P(T ≤ x) = p. */
    inv(p: number, dof: number): number;
  }
  interface JStatNormal {
    /** Quantile of N(mean, std²). */
    inv(p: number, mean: number, std: number): number;
  }
  interface JStatStatic {
    /** The regularized incomplete beta function I_x(a, b). */
    ibeta(x: number, a: number, b: number): number;
    /** ln Γ(x), for x > 0 */
    gammaln(x: number): number;
    studentt: JStatStudentT;
    normal: JStatNormal;
  }
  const jStat: JStatStatic;
  export default jStat;
}
