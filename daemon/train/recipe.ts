// The shipped recipe: what `emotiond train` and `emotiond eval` do when asked for nothing
// else, and what models/emotion.onnx was made with. Chosen by leave-one-corpus-out over the
// five shared corpora (models/README.md), not by in-corpus folds: in-corpus folds rewarded
// 3507 features and shrinkage LDA, which fitted the training corpora's voices, language
// and rooms and fell to near chance on corpora it never heard.
// - eGeMAPS (88 functionals): as good across corpora as 3507 features and far cheaper.
// - the four classes every corpus has: a class only one corpus teaches swallows foreign speech.
// - logistic regression, C = 0.1 (the field's eGeMAPS setting), classes weighted equally.
//   Weighting every corpus and class pair equally (balance=corpus-class), or every speaker
//   and class pair, scored lower under LOCO (49.5 and 49.6 against 50.0 mean UAR) and lost
//   most on the Korean corpus, so the plain class balance stays.
// - temperature calibration fitted on inner held-out corpora, so 0.9 means something.
// - rooms=gated: the same model fitted on the recordings, and once per kind of room copy on
//   the recordings plus those copies (a reverberant noisy room: RT60 0.4 s, noise at 15 dB;
//   noise alone at 25 dB), mixed per utterance by a gate that recognises which kind of
//   audio it hears (room-gated.ts). Trained on studio speech alone the model called nearly
//   everything anger in a noisy, reverberant room (LOCO 50.0 -> 29.1) and lost 17 points
//   in noise at 20 dB; gated it keeps 50.1 on clean speech, 42.5 and 47.5 in those rooms.
export const SHIPPED_RECIPE = {
  model: 'logreg',
  features: 'egemaps',
  labels: 'core4',
  params: ['logreg.c=0.1', 'calibrate=temperature', 'rooms=gated'],
  /** The room copies rooms=gated learns from, unless --augment names others. */
  augment: 'reverb:0.4+noise:15,noise:25',
} as const;

/**
 * The recipe for devices that adapt (`model.adapt: running`; models/emotion-adaptive.onnx),
 * and what `eval --adapt running` measures: the same family and features, every training
 * corpus standardised on its own statistics (so the model reads speech standardised on the
 * device's own), and C = 0.03, chosen on LOCO with running adaptation (models/README.md).
 */
export const ADAPTIVE_RECIPE = {
  model: SHIPPED_RECIPE.model,
  features: SHIPPED_RECIPE.features,
  labels: SHIPPED_RECIPE.labels,
  params: ['logreg.c=0.03', 'calibrate=temperature', 'normalise=corpus'],
} as const;

/**
 * The recipe's --param values with the caller's on top (a key given again replaces the
 * recipe's); `adaptive`: the adaptive recipe's.
 */
export function withRecipeParams(given: readonly string[] = [], useRecipe = true, adaptive = false): string[] {
  if (!useRecipe) return [...given];
  const keys = new Set(given.map((p) => p.split('=')[0]));
  const recipe = adaptive ? ADAPTIVE_RECIPE : SHIPPED_RECIPE;
  return [...recipe.params.filter((p) => !keys.has(p.split('=')[0])), ...given];
}
