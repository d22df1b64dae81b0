import { FieldApi, FormApi } from '@tanstack/form-core';
import { motionSchema } from 'motion-validator';

export function motionForm(defaultValues, onSubmit) {
  const form = new FormApi({
    defaultValues,
    validators: { onChange: motionSchema({ profile: 'uppsala', lang: 'sv' }) },
    onSubmit: ({ value }) => onSubmit(value),
  });
  form.mount();
  return form;
}

export function field(form, name) {                 // 'title', 'proposals[0]', …
  const f = new FieldApi({ form, name });
  f.mount();
  return f;                                         // f.state.meta.errors: [{ message, path }]
}
