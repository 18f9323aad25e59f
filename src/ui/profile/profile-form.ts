// The profile form behind `e` on the user's own profile screen, as a pure
// reducer: one field selected at a time, edited with the composer's reducer
// (the same editing keys), and only the fields the user changed are sent
// (the rest is kept from the newest copy on the relays, src/client/profile-edit.ts).
import type { Profile } from '../../client/profiles.js';
import type { ProfileChanges, ProfileField } from '../../core/profile-edit.js';
import { composerReducer, type ComposerAction, type ComposerState } from '../composer/composer-state.js';

export const FORM_FIELDS: readonly { field: ProfileField; label: string }[] = [
  { field: 'name', label: 'Name' },
  { field: 'display_name', label: 'Display name' },
  { field: 'about', label: 'About' },
  { field: 'website', label: 'Website' },
  { field: 'picture', label: 'Picture' },
  { field: 'banner', label: 'Banner' },
  { field: 'nip05', label: 'NIP-05' },
  { field: 'lud16', label: 'Lightning' },
];

export interface FormState {
  values: Record<ProfileField, ComposerState>;
  initial: Record<ProfileField, string>;
  selected: number;
}

export type FormAction = { type: 'next' } | { type: 'previous' } | { type: 'edit'; action: ComposerAction };

export function initialForm(profile: Profile | undefined): FormState {
  const initial = {} as Record<ProfileField, string>;
  const values = {} as Record<ProfileField, ComposerState>;
  for (const { field } of FORM_FIELDS) {
    const text = (profile?.[field as keyof Profile] as string | undefined) ?? '';
    initial[field] = text;
    values[field] = { text, cursor: text.length };
  }
  return { values, initial, selected: 0 };
}

export const selectedField = (state: FormState): ProfileField => FORM_FIELDS[state.selected]!.field;

export function formReducer(state: FormState, action: FormAction): FormState {
  const count = FORM_FIELDS.length;
  switch (action.type) {
    case 'next':
      return { ...state, selected: (state.selected + 1) % count };
    case 'previous':
      return { ...state, selected: (state.selected + count - 1) % count };
    case 'edit': {
      const field = selectedField(state);
      return { ...state, values: { ...state.values, [field]: composerReducer(state.values[field], action.action) } };
    }
  }
}

/** The fields whose text differs from what the form started with; an emptied one becomes "" (removed). */
export function formChanges(state: FormState): ProfileChanges {
  const changes: ProfileChanges = {};
  for (const { field } of FORM_FIELDS) {
    const text = state.values[field].text.trim();
    if (text !== state.initial[field].trim()) changes[field] = text;
  }
  return changes;
}
