// Reads the code examples out of a README, so tests run them exactly as written.

/** The server address the README examples call; tests substitute the server they started. */
export const README_SERVER_URL = 'http://localhost:3000';

/** The contents of every fenced code block of the given language, in order. */
export function readmeCodeBlocks(markdown: string, lang: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp(`^\`\`\`${lang}\\n([\\s\\S]*?)^\`\`\`$`, 'gm');
  for (const match of markdown.matchAll(fence)) blocks.push(match[1] ?? '');
  return blocks;
}

/** What an example prints, read from its `console.log(…); // printed text` comments. */
export function readmeExpectedOutput(code: string): string[] {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/ (.*)$/gm)].map((match) => match[1] ?? '');
}
