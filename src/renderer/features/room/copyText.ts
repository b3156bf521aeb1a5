// Copies text for the user, or says plainly why it could not (the text is still on screen to copy).
export async function copyText(text: string): Promise<string | null> {
  try {
    if (!navigator.clipboard) return 'The clipboard is not available here: select the text and copy it by hand.';
    await navigator.clipboard.writeText(text);
    return null;
  } catch (error) {
    console.warn('Sitrep: copying to the clipboard failed', error);
    return 'Copying was refused: select the text and copy it by hand.';
  }
}
