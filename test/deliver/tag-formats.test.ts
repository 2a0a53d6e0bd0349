import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { embedFlacTags } from '../../src/deliver/flac-metadata.js';
import { embedId3v2 } from '../../src/deliver/id3v2.js';
import { embedOggVorbisTags } from '../../src/deliver/ogg-metadata.js';
import { validateTags } from '../../src/deliver/tags.js';
import { embedWavMetadata } from '../../src/deliver/wav-metadata.js';
import { decodeAudioBytes, type EncodeOptions, encodeAudio } from '../../src/io/index.js';
import { useTempDir } from '../io/helpers/fixtures.js';
import { sine } from './helpers/spectrum.js';
import {
  bextFields,
  flacBlocks,
  id3v2,
  infoFields,
  oggPackets,
  oggPages,
  riffChunks,
  vorbisComments,
} from './helpers/tag-parsers.js';

/**
 * Every format's tags, parsed back by independent readers (helpers/tag-parsers.ts), read by
 * ffprobe when it is installed, and shown not to touch the audio: the tagged file decodes to
 * exactly the samples of the untagged one.
 */

const tmp = useTempDir();
const FS = 44100;
const audio = { sampleRate: FS, channels: [sine(FS, FS, 440, 0.5), sine(FS, FS, 660, 0.4)] };
const tags = validateTags({
  title: 'Brücke über Wasser',
  artist: 'Ünïcode & Co',
  album: 'Demo Album',
  isrc: 'gb-abc-24-00012',
  year: '2024',
  track: '3/12',
});
const loudness = {
  integratedLufs: -14.123,
  loudnessRangeLu: 5.5,
  truePeakDbtp: -1.044,
  maxMomentaryLufs: -9.87,
  maxShortTermLufs: -11.2,
};

const ffprobePresent = (() => {
  try {
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * ffprobe's view of the format and stream tags of these bytes, written to a scratch file
 * named `name` (keys lower-cased; it maps some names).
 */
async function ffprobeTags(bytes: Uint8Array, name: string): Promise<Record<string, string>> {
  const path = tmp.path(name);
  await writeFile(path, bytes);
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-show_entries',
    'format_tags:stream_tags',
    '-of',
    'json',
    path,
  ]).toString();
  const parsed = JSON.parse(out) as {
    format?: { tags?: Record<string, string> };
    streams?: { tags?: Record<string, string> }[];
  };
  const all = { ...parsed.format?.tags, ...parsed.streams?.[0]?.tags };
  return Object.fromEntries(Object.entries(all).map(([k, v]) => [k.toLowerCase(), v]));
}

async function encodeBoth(options: Omit<EncodeOptions, 'sampleRate' | 'channels'>) {
  return encodeAudio(audio, { sampleRate: FS, channels: 2, ...options } as EncodeOptions);
}

async function expectSameAudio(untagged: Uint8Array, tagged: Uint8Array) {
  const a = await decodeAudioBytes(untagged, 'untagged');
  const b = await decodeAudioBytes(tagged, 'tagged');
  expect(b.info.frames).toBe(a.info.frames);
  expect(b.channels).toEqual(a.channels);
}

describe('WAV: LIST/INFO, bext (Tech 3285 v2) and axml (Tech 3352)', async () => {
  const plain = await encodeBoth({ format: 'wav', bitDepth: 24 });
  const tagged = embedWavMetadata(plain, {
    tags,
    loudness,
    codingHistory: 'A=PCM,F=44100,W=24,M=stereo,T=test',
  });
  const chunks = riffChunks(tagged); // checks RIFF size and chunk tiling

  it('puts the chunks before data, keeping fmt first and data last', () => {
    expect(chunks.map((c) => c.id)).toEqual(['fmt ', 'LIST', 'bext', 'axml', 'data']);
  });

  it('INFO holds title, artist, album, year and track in UTF-8', () => {
    expect(infoFields(chunks)).toMatchObject({
      INAM: 'Brücke über Wasser',
      IART: 'Ünïcode & Co',
      IPRD: 'Demo Album',
      ICRD: '2024',
      ITRK: '3/12',
    });
    // INFO's ISRC means "source", not the recording code: it must not be (mis)used.
    expect(infoFields(chunks).ISRC).toBeUndefined();
  });

  it('bext is version 2 with the loudness in hundredths, ASCII text and no date', () => {
    const bext = bextFields(chunks);
    expect(bext.version).toBe(2);
    expect(bext.description).toBe('Brucke uber Wasser - Unicode & Co');
    expect(bext.originator).toBe('mixdown');
    expect(bext.originationDate).toBe('');
    expect(bext.loudness).toEqual([-14.12, 5.5, -1.04, -9.87, -11.2]);
    expect(bext.codingHistory).toBe('A=PCM,F=44100,W=24,M=stereo,T=test\r\n');
  });

  it('axml carries the ISRC as an EBUCore identifier', () => {
    const xml = new TextDecoder().decode(chunks.find((c) => c.id === 'axml')!.body);
    expect(xml).toContain('<dc:identifier>ISRC:GBABC2400012</dc:identifier>');
    expect(xml).toContain('formatLabel="ISRC"');
  });

  it('leaves the audio untouched', async () => expectSameAudio(plain, tagged));

  it.skipIf(!ffprobePresent)('ffprobe reads the INFO tags', async () => {
    expect(await ffprobeTags(tagged, 'tagged.wav')).toMatchObject({
      title: 'Brücke über Wasser',
      artist: 'Ünïcode & Co',
      album: 'Demo Album',
      date: '2024',
      track: '3/12',
      coding_history: 'A=PCM,F=44100,W=24,M=stereo,T=test\r\n',
    });
  });
});

describe('FLAC: VORBIS_COMMENT block', async () => {
  const plain = await encodeBoth({ format: 'flac', bitDepth: 16 });
  const tagged = embedFlacTags(plain, tags);
  const blocks = flacBlocks(tagged);

  it('replaces libFLAC’s empty comment block, STREAMINFO first, one last-block flag', () => {
    expect(blocks[0].type).toBe(0);
    expect(blocks.filter((b) => b.type === 4)).toHaveLength(1);
    expect(blocks.map((b) => b.last)).toEqual(blocks.map((_, i) => i === blocks.length - 1));
    // STREAMINFO is untouched (sizes, MD5).
    expect(blocks[0].body).toEqual(flacBlocks(plain)[0].body);
  });

  it('holds the Xiph field names and keeps the encoder’s vendor string', () => {
    const { vendor, comments } = vorbisComments(blocks.find((b) => b.type === 4)!.body);
    expect(vendor).toMatch(/^reference libFLAC/);
    expect(comments).toEqual([
      'TITLE=Brücke über Wasser',
      'ARTIST=Ünïcode & Co',
      'ALBUM=Demo Album',
      'DATE=2024',
      'TRACKNUMBER=3',
      'TRACKTOTAL=12',
      'ISRC=GBABC2400012',
    ]);
  });

  it('leaves the audio untouched', async () => expectSameAudio(plain, tagged));

  it.skipIf(!ffprobePresent)('ffprobe reads the comments', async () => {
    expect(await ffprobeTags(tagged, 'tagged.flac')).toMatchObject({
      title: 'Brücke über Wasser',
      artist: 'Ünïcode & Co',
      album: 'Demo Album',
      date: '2024',
      track: '3',
      isrc: 'GBABC2400012',
    });
  });
});

describe('Ogg Vorbis: comment header', async () => {
  const plain = await encodeBoth({ format: 'ogg-vorbis', vorbisQuality: 6 });
  const tagged = embedOggVorbisTags(plain, tags);
  const pages = oggPages(tagged);

  it('keeps a valid stream: every CRC right, pages numbered 0, 1, 2 …, audio granules unchanged', () => {
    expect(pages.every((p) => p.crcValid)).toBe(true);
    expect(pages.map((p) => p.sequence)).toEqual(pages.map((_, i) => i));
    const before = oggPages(plain);
    expect(pages.map((p) => p.granule).slice(-3)).toEqual(before.map((p) => p.granule).slice(-3));
    expect(pages[pages.length - 1].flags & 0x04).toBe(0x04); // end of stream
  });

  it('the second packet is a Vorbis comment header with the tags and a framing bit', () => {
    const [, comment] = oggPackets(pages, 3);
    expect(comment[0]).toBe(3);
    expect(String.fromCharCode(...comment.subarray(1, 7))).toBe('vorbis');
    expect(comment[comment.length - 1] & 1).toBe(1);
    const { vendor, comments } = vorbisComments(comment.subarray(7, comment.length - 1));
    expect(vendor).toMatch(/Xiph/);
    expect(comments).toContain('ISRC=GBABC2400012');
    expect(comments).toContain('TITLE=Brücke über Wasser');
  });

  it('leaves the audio untouched', async () => expectSameAudio(plain, tagged));

  it.skipIf(!ffprobePresent)('ffprobe reads the comments', async () => {
    expect(await ffprobeTags(tagged, 'tagged.ogg')).toMatchObject({
      title: 'Brücke über Wasser',
      artist: 'Ünïcode & Co',
      album: 'Demo Album',
      date: '2024',
      isrc: 'GBABC2400012',
    });
  });
});

describe('MP3: ID3v2.4', async () => {
  const plain = await encodeBoth({ format: 'mp3', mp3Mode: 'cbr320' });
  const tagged = embedId3v2(plain, tags);
  const tag = id3v2(tagged);

  it('is an ID3v2.4 tag of UTF-8 text frames, followed directly by the MP3 stream', () => {
    expect(tag.majorVersion).toBe(4);
    expect(tag.frames).toMatchObject({
      TIT2: 'Brücke über Wasser',
      TPE1: 'Ünïcode & Co',
      TALB: 'Demo Album',
      TDRC: '2024',
      TRCK: '3/12',
      TSRC: 'GBABC2400012',
    });
    expect(tagged.subarray(tag.size)).toEqual(plain);
  });

  it('leaves the audio untouched (the LAME gapless trim still applies)', async () =>
    expectSameAudio(plain, tagged));

  it.skipIf(!ffprobePresent)('ffprobe reads the frames', async () => {
    expect(await ffprobeTags(tagged, 'tagged.mp3')).toMatchObject({
      title: 'Brücke über Wasser',
      artist: 'Ünïcode & Co',
      album: 'Demo Album',
      date: '2024',
      track: '3/12',
      tsrc: 'GBABC2400012',
    });
  });
});
