# emotiond in a container: Node 20 on Debian 12, capture through the system PortAudio (ALSA),
# on x86-64 and arm64 alike (docker buildx --platform linux/arm64, or build on the board).
# Audio: pass the sound devices (`--device /dev/snd --group-add audio`), or PulseAudio/PipeWire
# (see docs/deployment.md, "Container"). compose.yaml runs it beside mosquitto.
# Checked by scripts/container-check.sh (build, non-root, `analyze` on a file).
ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compiles naudiodon against PortAudio's headers and the WASM kernels (which need
# the dev dependencies), then drops the dev dependencies.
FROM ${NODE_IMAGE} AS build
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libportaudio2 portaudio19-dev make g++ python3 \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Native addons compile against the headers this Node carries (/usr/local/include/node)
# instead of downloading them from nodejs.org, so the build also works without that site.
ENV npm_config_nodedir=/usr/local
# npm 11.19.1 honours package.json's allowScripts (naudiodon's own build is denied; its
# system-PortAudio build is scripts/build-naudiodon.mjs). Node 20's npm 10 does not.
RUN npm install -g npm@11.19.1 --no-audit --no-fund
# Dependencies first, so that a change to the sources does not repeat the install.
COPY package.json package-lock.json ./
COPY scripts/build-naudiodon.mjs scripts/
COPY native native
COPY wasm wasm
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm prune --omit=dev --no-audit --no-fund \
 && rm -rf test bench docs/eval node_modules/naudiodon/build/Release/obj.target

# ---- runtime: the PortAudio and ALSA libraries only, no compiler; runs as the image's
# unprivileged `node` user.
FROM ${NODE_IMAGE} AS runtime
# Extra Debian packages, e.g. EXTRA_PACKAGES=libasound2-plugins for PulseAudio/PipeWire.
ARG EXTRA_PACKAGES=""
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      libportaudio2 libasound2 ${EXTRA_PACKAGES} \
 && rm -rf /var/lib/apt/lists/* \
 && install -d -o node -g node -m 0700 /var/lib/emotiond \
 && install -d /etc/emotiond
COPY --from=build /app /app
COPY config/emotiond.example.yaml /etc/emotiond/emotiond.yaml
WORKDIR /app
ENV NODE_ENV=production \
    STATE_DIRECTORY=/var/lib/emotiond \
    MALLOC_ARENA_MAX=2
VOLUME /var/lib/emotiond
USER node
# The status endpoints (/healthz, /metrics) stay on the container's loopback unless
# configured otherwise; MQTT goes out to the broker named by mqtt.url (EMOTIOND_MQTT__URL).
ENTRYPOINT ["node", "--max-semi-space-size=1", "/app/bin/emotiond.js"]
CMD ["run", "--config", "/etc/emotiond/emotiond.yaml"]
