/**
 * A new account's password, never from the command line (it would sit in the shell's history and in
 * every `ps` listing): --password-file FILE (first line), else ZHUCAN_HUB_PASSWORD, else typed at a
 * terminal without echo, twice. Null when none of them is available (no terminal: a script).
 */
import { readFileSync } from 'node:fs';
import { message } from '../../shared/i18n/text.js';
import { say, UsageError } from './io.js';

function promptHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(typed);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new UsageError('cancelled'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += ch;
      }
    };
    const finish = (): void => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    input.on('data', onData);
  });
}

export async function newPassword(passwordFile: string | undefined): Promise<string | null> {
  if (passwordFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(passwordFile, 'utf8');
    } catch (e) {
      throw new UsageError(`--password-file: ${e instanceof Error ? e.message : String(e)}`);
    }
    return text.split(/\r?\n/)[0] ?? '';
  }
  const fromEnv = process.env['ZHUCAN_HUB_PASSWORD'];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) return null;
  const first = await promptHidden(say(message('hub.cli.passwordPrompt')));
  const second = await promptHidden(say(message('hub.cli.passwordAgain')));
  if (first !== second) throw new UsageError(say(message('hub.cli.passwordMismatch')));
  return first;
}
