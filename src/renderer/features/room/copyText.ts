// Copies text for the user, or says plainly why it could not (the text is still on screen to copy).
import { englishRoomT, type RoomT } from './roomText';

export async function copyText(text: string, t: RoomT = englishRoomT()): Promise<string | null> {
  try {
    if (!navigator.clipboard) return t('copy.unavailable');
    await navigator.clipboard.writeText(text);
    return null;
  } catch (error) {
    console.warn('Sitrep: copying to the clipboard failed', error);
    return t('copy.refused');
  }
}
