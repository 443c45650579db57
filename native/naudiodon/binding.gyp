# naudiodon 2.3.6's binding.gyp with one change: on Linux it links the system PortAudio
# (Debian's libportaudio2 / portaudio19-dev) on every architecture, instead of the x86-64
# (or armhf) libportaudio.so.2 bundled in the package, which cannot link on arm64
# (Streampunk/naudiodon#68). quiet-audio-libs.c keeps ALSA's and JACK's probing messages off
# stderr. scripts/build-naudiodon.mjs copies this file and that source into the package and
# builds it at `npm ci`. The macOS and Windows branches are upstream's, unchanged.
{
  "targets": [
    {
      "target_name": "naudiodon",
      "sources": [
        "src/naudiodonUtil.cc",
        "src/naudiodon.cc",
        "src/GetDevices.cc",
        "src/GetHostAPIs.cc",
        "src/AudioIO.cc",
        "src/PaContext.cc"
      ],
      "conditions": [
        [
          'OS=="mac"', {
            "include_dirs": ["portaudio/include"],
            'xcode_settings': {
              'GCC_ENABLE_CPP_RTTI': 'YES',
              'MACOSX_DEPLOYMENT_TARGET': '10.7',
              'OTHER_CPLUSPLUSFLAGS': ['-std=c++11', '-stdlib=libc++', '-fexceptions']
            },
            "link_settings": {"libraries": ["-Wl,-rpath,@loader_path"]},
            "libraries": ["libportaudio.dylib"],
            "copies": [{"destination": "build/Release/", "files": ["<!@(ls -1 portaudio/bin/libportaudio.dylib)"]}]
          }
        ],
        [
          'OS=="win"', {
            "include_dirs": ["portaudio/include"],
            "configurations": {
              "Release": {
                "msvs_settings": {"VCCLCompilerTool": {"RuntimeTypeInfo": "true", "ExceptionHandling": 1}}
              }
            },
            "libraries": ["-l../portaudio/bin/portaudio_x64.lib"],
            "copies": [{"destination": "build/Release", "files": ["portaudio/bin/portaudio_x64.dll"]}]
          }
        ],
        [
          'OS=="linux"', {
            # portaudio.h comes from /usr/include (portaudio19-dev), matching the library.
            "sources": ["src/quiet-audio-libs.c"],
            "cflags_cc!": ["-fno-rtti", "-fno-exceptions"],
            "cflags_cc": ["-std=c++11", "-fexceptions"],
            "link_settings": {"libraries": ["-lportaudio", "-ldl"]}
          }
        ]
      ]
    }
  ]
}
