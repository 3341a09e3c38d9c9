import { describe, expect, it } from 'vitest';
import { Player, type PlayerOutput, type PlayerState } from '../../src/app/listen/player.js';
import { DEFAULT_PREFS, parseListenPrefs } from '../../src/app/listen/prefs.js';
import { pickVoice, primaryLanguage, voicesFor, type VoiceLike } from '../../src/app/listen/voices.js';

/** A scripted engine: records what the loop asked for, and lets a test fire the engine's events. */
class Script implements PlayerOutput {
  readonly log: string[] = [];
  lastToken = 0;

  speak(index: number, token: number): void {
    this.lastToken = token;
    this.log.push(`speak ${index}`);
  }

  cancel(): void {
    this.log.push('cancel');
  }

  show(index: number | null): void {
    this.log.push(`show ${index ?? '-'}`);
  }

  changed(state: PlayerState, error: string | null): void {
    this.log.push(error === null ? state : `${state} (${error})`);
  }

  /** The current utterance starts and ends, as an engine reports it. */
  say(player: Player): void {
    player.started(this.lastToken);
    player.ended(this.lastToken);
  }
}

/** Blocks: the headline (one sentence), a paragraph of two sentences, a paragraph of one. */
const SENTENCES = [{ block: 0 }, { block: 1 }, { block: 1 }, { block: 2 }];

function player(): { player: Player; script: Script } {
  const script = new Script();
  return { player: new Player(SENTENCES, script), script };
}

describe('the read-aloud loop', () => {
  it('reads every sentence in order, each only after the one before has ended, then finishes', () => {
    const { player: p, script } = player();
    p.play();
    expect(script.log).toEqual(['playing', 'speak 0']);
    p.started(script.lastToken);
    expect(script.log.at(-1)).toBe('show 0');
    p.ended(script.lastToken);
    script.say(p);
    script.say(p);
    script.say(p);
    expect(script.log).toEqual([
      'playing',
      'speak 0',
      'show 0',
      'speak 1',
      'show 1',
      'speak 2',
      'show 2',
      'speak 3',
      'show 3',
      'cancel',
      'show -',
      'ended',
    ]);
    expect(p.state).toBe('ended');
    expect(p.position).toBe(0);
  });

  it('pauses by cancelling the sentence and resumes from its start', () => {
    const { player: p, script } = player();
    p.play(1);
    script.say(p);
    p.started(script.lastToken);
    p.pause();
    expect(p.state).toBe('paused');
    p.resume();
    expect(script.log.slice(-6)).toEqual(['show 2', 'cancel', 'paused', 'show 2', 'playing', 'speak 2']);
  });

  it('ignores the late events of a cancelled sentence', () => {
    const { player: p, script } = player();
    p.play();
    const old = script.lastToken;
    p.pause();
    p.resume();
    p.failed(old, 'interrupted');
    p.ended(old);
    expect(p.state).toBe('playing');
    expect(script.log.at(-1)).toBe('speak 0');
  });

  it('moves by block: next goes to the next paragraph, previous to the one before', () => {
    const { player: p, script } = player();
    p.play(1);
    p.next();
    expect(script.log.slice(-2)).toEqual(['cancel', 'speak 3']);
    p.previous();
    expect(script.log.slice(-2)).toEqual(['cancel', 'speak 1']);
    p.previous();
    expect(script.log.slice(-2)).toEqual(['cancel', 'speak 0']);
    p.previous();
    expect(script.log.slice(-2)).toEqual(['cancel', 'speak 0']);
  });

  it('while paused, moving shows where reading will go on without speaking', () => {
    const { player: p, script } = player();
    p.play();
    p.pause();
    p.next();
    expect(script.log.at(-1)).toBe('show 1');
    expect(p.state).toBe('paused');
    p.resume();
    expect(script.log.at(-1)).toBe('speak 1');
  });

  it('next past the last paragraph finishes', () => {
    const { player: p } = player();
    p.play(3);
    p.next();
    expect(p.state).toBe('ended');
  });

  it('restarts the current sentence for a new speed or voice, only while playing', () => {
    const { player: p, script } = player();
    p.play(2);
    p.restart();
    expect(script.log.slice(-2)).toEqual(['cancel', 'speak 2']);
    p.pause();
    const before = script.log.length;
    p.restart();
    expect(script.log.length).toBe(before);
  });

  it('pauses when something else interrupts the speech', () => {
    const { player: p, script } = player();
    p.play(1);
    p.failed(script.lastToken, 'interrupted');
    expect(p.state).toBe('paused');
    expect(p.position).toBe(1);
  });

  it('says there is no voice when the engine cannot speak the language', () => {
    const { player: p, script } = player();
    p.play();
    p.failed(script.lastToken, 'language-unavailable');
    expect(script.log.slice(-2)).toEqual(['show -', 'no-voice (language-unavailable)']);
  });

  it('stops on any other error, keeping the place, and tries the same sentence again on resume', () => {
    const { player: p, script } = player();
    p.play(2);
    p.failed(script.lastToken, 'synthesis-failed');
    expect(p.state).toBe('failed');
    expect(script.log.at(-1)).toBe('failed (synthesis-failed)');
    p.resume();
    expect(script.log.at(-1)).toBe('speak 2');
  });

  it('skips a sentence the engine finds too long', () => {
    const { player: p, script } = player();
    p.play(1);
    p.failed(script.lastToken, 'text-too-long');
    expect(script.log.at(-1)).toBe('speak 2');
  });

  it('stops: silence, nothing shown, idle', () => {
    const { player: p, script } = player();
    p.play();
    p.stop();
    expect(script.log.slice(-3)).toEqual(['cancel', 'show -', 'idle']);
  });

  it('does nothing with no sentences', () => {
    const script = new Script();
    new Player([], script).play();
    expect(script.log).toEqual([]);
  });
});

function voice(name: string, lang: string, localService = true, isDefault = false): VoiceLike {
  return { name, lang, localService, default: isDefault, voiceURI: `${name}/${lang}` };
}

describe('voices', () => {
  const device = [
    voice('Google US English', 'en-US', false),
    voice('Damayanti', 'id-ID'),
    voice('Indonesian+Alex espeak-ng', 'id'),
    voice('Google Bahasa Indonesia', 'id-ID', false),
    voice('Indonesian espeak-ng', 'id'),
    voice('Android Indonesia', 'in_ID', true, true),
    voice('Samantha', 'en-US', true),
    voice('Indonesian+Annie 10', 'id'),
    voice('Indonesian+Annie 9', 'id'),
  ];

  it('reads old and odd spellings of a language', () => {
    expect(['id', 'id-ID', 'ID_id', 'in-ID', 'in', ' en-GB ', 'iw-IL'].map(primaryLanguage)).toEqual([
      'id',
      'id',
      'id',
      'id',
      'id',
      'en',
      'he',
    ]);
  });

  it("offers only the article language's voices, the device's own first, default first, then by name", () => {
    const groups = voicesFor(device, 'id');
    expect(groups.local.map((v) => v.name)).toEqual([
      'Android Indonesia',
      'Damayanti',
      'Indonesian espeak-ng',
      'Indonesian+Alex espeak-ng',
      'Indonesian+Annie 9',
      'Indonesian+Annie 10',
    ]);
    expect(groups.online.map((v) => v.name)).toEqual(['Google Bahasa Indonesia']);
  });

  it("prefers the article's exact tag after the default", () => {
    const english = [voice('B', 'en-US'), voice('A', 'en-GB'), voice('C', 'en-GB')];
    expect(voicesFor(english, 'en-GB').local.map((v) => v.name)).toEqual(['A', 'C', 'B']);
  });

  it('picks the voice chosen last time while the device still has it', () => {
    expect(pickVoice(device, 'id', 'Damayanti/id-ID')?.name).toBe('Damayanti');
    expect(pickVoice(device, 'id', 'Gone/id')?.name).toBe('Android Indonesia');
    expect(pickVoice(device, 'en', null)?.name).toBe('Samantha');
  });

  it('never picks another language: no Indonesian voice is null', () => {
    expect(pickVoice([voice('Samantha', 'en-US', true, true)], 'id', null)).toBeNull();
    expect(pickVoice([], 'id', null)).toBeNull();
  });

  it('copes with thousands of voices', () => {
    const many = Array.from({ length: 13_000 }, (_, i) => voice(`Voice ${i}`, i % 100 === 0 ? 'id' : 'af'));
    const started = performance.now();
    expect(voicesFor(many, 'id').local).toHaveLength(130);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('listening choices', () => {
  it('keeps a known speed and string voices, and drops the rest', () => {
    expect(parseListenPrefs({ rate: 1.5, voices: { id: 'Damayanti', en: 3 } })).toEqual({
      rate: 1.5,
      voices: { id: 'Damayanti' },
    });
    expect(parseListenPrefs({ rate: 9 })).toEqual(DEFAULT_PREFS);
    expect(parseListenPrefs('junk')).toEqual(DEFAULT_PREFS);
    expect(parseListenPrefs(null)).toEqual(DEFAULT_PREFS);
  });
});
