import type { FormInstance } from 'antd';
import type { ApiError } from './client';

/**
 * Puts a 400's field issues (`body.newPassword`) at the form's fields; true when any was placed.
 * The API's field paths are the form's field names: forms name their fields as the request body does.
 */
export function showAtFields<V>(form: FormInstance<V>, error: ApiError, prefix = 'body'): boolean {
  const fields = error.fieldErrors(prefix);
  form.setFields(fields as Parameters<FormInstance<V>['setFields']>[0]);
  return fields.length > 0;
}
