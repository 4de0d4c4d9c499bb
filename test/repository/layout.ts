import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The folders directly under `<root>/src`: the parts a newcomer learns first. */
export function topLevelFolders(root: string): string[] {
  return readdirSync(path.join(root, 'src'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** Top-level folders of `src/` without the README.md that says what they own. */
export function foldersWithoutReadme(root: string): string[] {
  return topLevelFolders(root).filter(
    (name) => !existsSync(path.join(root, 'src', name, 'README.md')),
  );
}

/** Top-level folders of `src/` without their line, `src/<name>/ …`, in ARCHITECTURE.md's tree. */
export function foldersMissingFromTree(root: string): string[] {
  const lines = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8').split('\n');
  return topLevelFolders(root).filter(
    (name) => !lines.some((line) => line.startsWith(`src/${name}/ `)),
  );
}

/** A repository path: it starts with one of these folders, not inside another word or path. */
const repoPath = /(?<![\w./-])(?:src|test|bench|docs|bin)\/[\w./-]*/g;
/** A file or folder named relative to the README beside it: `prepare-agenda.ts`, `facts/`. */
const relativePath = /^[\w.-]+(?:\/[\w.-]+)*(?:\.tsx?|\/)$/;

/**
 * The paths a Markdown file names: repository paths in inline code and in fenced blocks (a
 * tree or a diagram) and, when `relativeTo` is given, file and folder names in inline code
 * read relative to that folder. Trailing sentence punctuation is not part of a path.
 */
export function namedPaths(markdown: string, relativeTo?: string): string[] {
  const found: string[] = [];
  const add = (candidate: string) => found.push(candidate.replace(/[.,:;]+$/, ''));
  markdown.split(/^```.*$/m).forEach((part, index) => {
    if (index % 2 === 1) {
      for (const match of part.matchAll(repoPath)) add(match[0]);
      return;
    }
    for (const [, code = ''] of part.matchAll(/`([^`\n]+)`/g)) {
      const inCode = [...code.matchAll(repoPath)].map((match) => match[0]);
      inCode.forEach(add);
      if (inCode.length === 0 && relativeTo !== undefined && relativePath.test(code)) {
        add(path.posix.join(relativeTo, code));
      }
    }
  });
  return [...new Set(found)];
}

/**
 * Every path that ARCHITECTURE.md and the READMEs of `src/`'s folders name but that is not on
 * disk, as `<document>: <path>`: a moved or renamed file makes the documents fail here.
 */
export function missingDocumentedPaths(root: string): string[] {
  const documents = [
    { file: 'ARCHITECTURE.md', relativeTo: undefined },
    ...topLevelFolders(root)
      .map((name) => ({ file: `src/${name}/README.md`, relativeTo: `src/${name}` }))
      .filter(({ file }) => existsSync(path.join(root, file))),
  ];
  return documents.flatMap(({ file, relativeTo }) =>
    namedPaths(readFileSync(path.join(root, file), 'utf8'), relativeTo)
      .filter((named) => !existsSync(path.join(root, named)))
      .map((named) => `${file}: ${named}`),
  );
}
