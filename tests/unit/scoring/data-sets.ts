// Published data sets used by the statistics tests (values typed from their sources).

/**
 * Cushny & Peebles (1905) extra hours of sleep with two drugs, as analysed by Student (1908),
 * Biometrika 6(1); distributed as R's `datasets::sleep`.
 */
export const SLEEP = {
  group1: [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0],
  group2: [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4],
};

/**
 * Dobson, A.J. (1983) An Introduction to Statistical Modelling, p.9: dried weight of plants under a
 * control and two treatments; distributed as R's `datasets::PlantGrowth`.
 */
export const PLANT_GROWTH = {
  ctrl: [4.17, 5.58, 5.18, 6.11, 4.5, 4.61, 5.17, 4.53, 5.33, 5.14],
  trt1: [4.81, 4.17, 4.41, 3.59, 5.87, 3.83, 6.03, 4.89, 4.32, 4.69],
  trt2: [6.31, 5.12, 5.54, 5.5, 5.37, 5.29, 4.92, 6.15, 5.8, 5.26],
};

/** Wikipedia, "One-way analysis of variance", worked example (three groups of six). */
export const WIKIPEDIA_ANOVA = [
  [6, 8, 4, 5, 3, 4],
  [8, 12, 9, 11, 6, 8],
  [13, 9, 11, 8, 7, 12],
];

/**
 * Hollander & Wolfe (1973) Nonparametric Statistical Methods, p.116: mucociliary efficiency in
 * normal subjects, subjects with obstructive airway disease and with asbestosis (R's `kruskal.test` example).
 */
export const HOLLANDER_WOLFE = [
  [2.9, 3.0, 2.5, 2.6, 3.2],
  [3.8, 2.7, 4.0, 2.4],
  [2.8, 3.4, 3.7, 2.2, 2.0],
];
