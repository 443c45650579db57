#!/usr/bin/env node
// Prints which naudiodon build and which PortAudio library this machine loads, and the
// devices PortAudio lists: the first thing to look at when capture fails on a new board.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const na = require('naudiodon');
const maps = process.platform === 'linux' ? readFileSync('/proc/self/maps', 'utf8') : '';
const portaudio = maps.split('\n').map((l) => l.split(/\s+/)[5]).find((p) => p && p.includes('libportaudio'));
const devices = na.getDevices();
console.log(`naudiodon loaded: process.arch=${process.arch}, node ${process.version}, libportaudio ${portaudio ?? '(not found in the process maps)'}`);
console.log(`PortAudio devices: ${devices.length} (${devices.filter((d) => d.maxInputChannels > 0).length} with input)`);
for (const d of devices) console.log(`  #${d.id} '${d.name}' in ${d.maxInputChannels} out ${d.maxOutputChannels} ${d.defaultSampleRate} Hz (${d.hostAPIName})`);
