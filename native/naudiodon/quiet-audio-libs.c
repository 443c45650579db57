/*
 * Keeps ALSA's and JACK's messages off stderr while PortAudio probes them.
 *
 * Pa_Initialize() opens every PCM named in ALSA's configuration and tries to reach a JACK
 * server; on a machine without a sound card (or without JACK) that prints a hundred lines
 * ("ALSA lib pcm.c:... Unknown PCM dmix", "Cannot connect to server socket") before the one
 * error that matters, which emotiond reports itself. EMOTIOND_DEBUG=1 (which also shows stack
 * traces) keeps them.
 *
 * The libraries are looked up with RTLD_NOLOAD: they are already loaded as PortAudio's
 * dependencies when this constructor runs, and a PortAudio built without JACK simply has no
 * JACK to quiet. Nothing is linked, so no -dev package beyond portaudio19-dev is needed.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

static void ignore_alsa(const char *file, int line, const char *fn, int err, const char *fmt, ...) {
  (void)file; (void)line; (void)fn; (void)err; (void)fmt;
}

static void ignore_jack(const char *msg) { (void)msg; }

typedef void (*alsa_handler_t)(const char *, int, const char *, int, const char *, ...);
typedef int (*alsa_set_handler_t)(alsa_handler_t);
typedef void (*jack_set_fn_t)(void (*)(const char *));

static void *loaded(const char *soname) { return dlopen(soname, RTLD_LAZY | RTLD_NOLOAD); }

__attribute__((constructor)) static void quiet_audio_libs(void) {
  const char *debug = getenv("EMOTIOND_DEBUG");
  if (debug && debug[0] && debug[0] != '0') return;
  void *alsa = loaded("libasound.so.2");
  if (alsa) {
    alsa_set_handler_t set = (alsa_set_handler_t)dlsym(alsa, "snd_lib_error_set_handler");
    if (set) set(ignore_alsa);
  }
  void *jack = loaded("libjack.so.0");
  if (jack) {
    jack_set_fn_t set_error = (jack_set_fn_t)dlsym(jack, "jack_set_error_function");
    jack_set_fn_t set_info = (jack_set_fn_t)dlsym(jack, "jack_set_info_function");
    if (set_error) set_error(ignore_jack);
    if (set_info) set_info(ignore_jack);
  }
}
