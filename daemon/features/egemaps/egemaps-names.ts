// The 88 eGeMAPSv02 functionals, named and ordered exactly as openSMILE 3.0.2 writes them
// (eGeMAPSv02.conf, funcconcat: F0, loudness, spectral/MFCC over all frames, voiced-frame
// statistics, unvoiced means, temporal features, equivalent sound level). Names are the
// published feature set's vocabulary (Eyben et al. 2016, table 1), not corpus data.

const F0 = 'F0semitoneFrom27.5Hz_sma3nz';
const PROSODIC = ['amean', 'stddevNorm', 'percentile20.0', 'percentile50.0', 'percentile80.0', 'pctlrange0-2',
  'meanRisingSlope', 'stddevRisingSlope', 'meanFallingSlope', 'stddevFallingSlope'];
const MV = ['amean', 'stddevNorm'];
const mv = (lld: string): string[] => MV.map((f) => `${lld}_${f}`);
const formant = (i: number): string[] =>
  [`F${i}frequency`, `F${i}bandwidth`, `F${i}amplitudeLogRelF0`].flatMap((n) => mv(`${n}_sma3nz`));

export const EGEMAPS_NAMES: readonly string[] = Object.freeze([
  ...PROSODIC.map((f) => `${F0}_${f}`),
  ...PROSODIC.map((f) => `loudness_sma3_${f}`),
  ...['spectralFlux', 'mfcc1', 'mfcc2', 'mfcc3', 'mfcc4'].flatMap((n) => mv(`${n}_sma3`)),
  ...['jitterLocal', 'shimmerLocaldB', 'HNRdBACF', 'logRelF0-H1-H2', 'logRelF0-H1-A3'].flatMap((n) => mv(`${n}_sma3nz`)),
  ...[1, 2, 3].flatMap(formant),
  ...['alphaRatioV', 'hammarbergIndexV', 'slopeV0-500', 'slopeV500-1500', 'spectralFluxV', 'mfcc1V', 'mfcc2V',
    'mfcc3V', 'mfcc4V'].flatMap((n) => mv(`${n}_sma3nz`)),
  ...['alphaRatioUV', 'hammarbergIndexUV', 'slopeUV0-500', 'slopeUV500-1500', 'spectralFluxUV'].map((n) => `${n}_sma3nz_amean`),
  'loudnessPeaksPerSec', 'VoicedSegmentsPerSec', 'MeanVoicedSegmentLengthSec', 'StddevVoicedSegmentLengthSec',
  'MeanUnvoicedSegmentLength', 'StddevUnvoicedSegmentLength', 'equivalentSoundLevel_dBp',
]);
