// A seeded speech-like utterance for feature tests: a glottal-like harmonic source whose F0
// glides and trembles, shaped by two formant-ish resonances, in syllables with pauses, plus
// a little noise. Not speech, but it exercises every LLD the way speech does.
export function speechLike(seconds: number, f0 = 140, seed = 1): Float32Array {
  let s = seed >>> 0;
  const rnd = (): number => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
  const n = Math.round(seconds * 16000);
  const x = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / 16000;
    const f = f0 * (1 + 0.15 * Math.sin(2 * Math.PI * 0.7 * t) + 0.02 * Math.sin(2 * Math.PI * 5 * t));
    phase += f / 16000;
    const syllable = t % 0.3;
    const env = syllable < 0.22 ? Math.sin((Math.PI * syllable) / 0.22) : 0;
    let v = 0;
    for (let h = 1; h * f < 7000; h++) {
      const hf = h * f;
      const formants = 1 / (1 + ((hf - 600) / 150) ** 2) + 0.5 / (1 + ((hf - 1800) / 250) ** 2) + 0.05;
      v += (formants * Math.sin(2 * Math.PI * h * phase)) / h;
    }
    x[i] = 0.3 * env * v + 0.003 * rnd();
  }
  return x;
}
