// Where a word is drawn in the active editor, for the mouse to go there:
// Monaco splits a line into token spans (a word may span several) and draws
// spaces as U+00A0, so the page measures a DOM Range over the word's characters.
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of the `nth` rendered occurrence of `word` (lines in screen order), or undefined when it is not on screen. */
export function wordBox(page: Page, word: string, nth: number): Promise<Box | undefined> {
  return page.evaluate(
    ([w, n]) => {
      const lines = Array.from(document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')).sort(
        (a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top,
      );
      let seen = 0;
      for (const line of lines) {
        const nodes: Array<{ node: Text; start: number }> = [];
        let text = '';
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let t = walker.nextNode() as Text | null; t; t = walker.nextNode() as Text | null) {
          nodes.push({ node: t, start: text.length });
          text += (t.textContent ?? '').replace(/\u00a0/g, ' ');
        }
        for (let at = text.indexOf(w as string); at >= 0; at = text.indexOf(w as string, at + 1)) {
          if (seen++ !== n) continue;
          // (No named helpers in here: tsx would wrap them in a __name() the page does not have.)
          const first = [...nodes].reverse().find((x) => x.start <= at)!;
          const last = [...nodes].reverse().find((x) => x.start < at + (w as string).length)!;
          const range = document.createRange();
          range.setStart(first.node, at - first.start);
          range.setEnd(last.node, at + (w as string).length - last.start);
          const r = range.getBoundingClientRect();
          return { x: r.x, y: r.y, width: r.width, height: r.height };
        }
      }
      return undefined;
    },
    [word, nth] as const,
  );
}
