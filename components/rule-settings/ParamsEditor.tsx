// The rule-set form, generated from the rule set's data shape rather than one
// hand-written form per field: a boolean is a switch, a number an input, a
// list of texts a text area, a list of objects a group per item, an object a
// fieldset. Every input carries its dotted path (data-path), the same path
// validateRuleSet gives an error, so each message shows at its field.
import { useState } from 'react';
import { AFTERSALES_DEFAULTS, CHURN_DEFAULTS, type ValidationError } from '@/lib/grading';
import { CHOICES, LIST_CHOICES, MESSAGES, labelOf, type Text } from './messages';

export type Edit = (path: string, value: unknown) => void;

interface FieldProps {
  path: string;
  name: string;
  value: unknown;
  onChange: Edit;
  errors: ReadonlyMap<string, ValidationError[]>;
  readOnly: boolean;
  /** Label override (a list item is labelled by its grade). */
  label?: Text;
}

/** Objects whose keys are data (a vehicle model, a defeat reason), not fields: entries can be added and removed. */
const OPEN_RECORDS = new Set(['byModel', 'synonyms']);

/** Chinese first, English beside, as one piece (a form label lays it out as one line). */
export function Bilingual({ text }: { text: Text }) {
  return (
    <span className="bi">
      {text.zh}
      {text.en && <span className="en"> {text.en}</span>}
    </span>
  );
}

export function FieldErrors({ path, errors }: { path: string; errors: ReadonlyMap<string, ValidationError[]> }) {
  const here = errors.get(path);
  if (!here) return null;
  return (
    <>
      {here.map((e, i) => (
        <p key={i} className="field-error" role="alert" data-error-for={path}>
          {e.message.zh} <span className="en">{e.message.en}</span>
        </p>
      ))}
    </>
  );
}

/** A number typed by the user: a number when it reads as one, else the text (validation says why it is not). */
function numberFrom(text: string): number | string {
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) ? n : text;
}

export function Field(props: FieldProps) {
  const { path, name, value, onChange, errors, readOnly } = props;
  const label = props.label ?? labelOf(name);
  const invalid = errors.has(path);

  if (typeof value === 'boolean') {
    return (
      <div className="field switch">
        <label>
          <input
            type="checkbox"
            role="switch"
            data-path={path}
            checked={value}
            disabled={readOnly}
            onChange={(e) => onChange(path, e.target.checked)}
          />
          <Bilingual text={label} />
        </label>
        <FieldErrors path={path} errors={errors} />
      </div>
    );
  }

  // `within: null` is an open-ended band ("over 3 months"): a number field with a switch beside it.
  if (
    typeof value === 'number' ||
    (typeof value === 'string' && !CHOICES[name]) ||
    (value === null && name === 'within')
  ) {
    const text = name === 'grade';
    return (
      <div className={`field${invalid ? ' invalid' : ''}`}>
        <label>
          <Bilingual text={label} />
          {text ? (
            <input
              type="text"
              data-path={path}
              aria-invalid={invalid}
              value={String(value)}
              disabled={readOnly}
              onChange={(e) => onChange(path, e.target.value)}
            />
          ) : (
            <NumberInput
              path={path}
              value={value as number | string | null}
              invalid={invalid}
              disabled={readOnly || value === null}
              onChange={onChange}
            />
          )}
        </label>
        {name === 'within' && (
          <label className="inline">
            <input
              type="checkbox"
              data-path={`${path}:open`}
              checked={value === null}
              disabled={readOnly}
              onChange={(e) => onChange(path, e.target.checked ? null : 1)}
            />
            <Bilingual text={MESSAGES.openEnded} />
          </label>
        )}
        <FieldErrors path={path} errors={errors} />
      </div>
    );
  }

  if (typeof value === 'string') {
    const choices = CHOICES[name]!;
    return (
      <div className={`field${invalid ? ' invalid' : ''}`}>
        <label>
          <Bilingual text={label} />
          <select data-path={path} value={value} disabled={readOnly} onChange={(e) => onChange(path, e.target.value)}>
            {Object.entries(choices).map(([v, text]) => (
              <option key={v} value={v}>
                {text.zh} / {text.en}
              </option>
            ))}
          </select>
        </label>
        <FieldErrors path={path} errors={errors} />
      </div>
    );
  }

  if (Array.isArray(value)) {
    if (LIST_CHOICES[name])
      return <ChoiceList {...props} label={label} value={value as string[]} choices={LIST_CHOICES[name]} />;
    if (value.every((item) => typeof item === 'string'))
      return <TextList {...props} label={label} value={value as string[]} />;
    return <ObjectList {...props} label={label} value={value as Record<string, unknown>[]} />;
  }

  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return (
      <fieldset className={`group${invalid ? ' invalid' : ''}`}>
        <legend>
          <Bilingual text={label} />
        </legend>
        <FieldErrors path={path} errors={errors} />
        {Object.entries(record).map(([key, v]) => (
          <div key={key} className="entry">
            <Field
              path={`${path}.${key}`}
              name={OPEN_RECORDS.has(name) ? entryName(v) : key}
              label={OPEN_RECORDS.has(name) ? { zh: key, en: '' } : undefined}
              value={v}
              onChange={onChange}
              errors={errors}
              readOnly={readOnly}
            />
            {OPEN_RECORDS.has(name) && !readOnly && (
              <button type="button" className="small" onClick={() => onChange(`${path}.${key}`, undefined)}>
                <Bilingual text={MESSAGES.removeItem} />
              </button>
            )}
          </div>
        ))}
        {OPEN_RECORDS.has(name) && !readOnly && (
          <AddEntry path={path} record={record} onChange={onChange} template={entryTemplate(path, record)} />
        )}
      </fieldset>
    );
  }
  return null;
}

/**
 * A number as the user types it: the text is kept while typing ("-", "0.")
 * and the rule set gets a number when it reads as one, else the text, which
 * validation refuses with its message at the field.
 */
function NumberInput({
  path,
  value,
  invalid,
  disabled,
  onChange,
}: {
  path: string;
  value: number | string | null;
  invalid: boolean;
  disabled: boolean;
  onChange: Edit;
}) {
  const shown = value === null ? '' : String(value);
  const [text, setText] = useState(shown);
  // The value changed from outside (discard, another rule set): show it.
  if (numberFrom(text) !== value && text !== shown && !(value === null && text === '')) setText(shown);
  return (
    <input
      type="text"
      inputMode="decimal"
      data-path={path}
      aria-invalid={invalid}
      value={text}
      disabled={disabled}
      onChange={(e) => {
        setText(e.target.value);
        onChange(path, numberFrom(e.target.value));
      }}
    />
  );
}

/** The field name an open record's value is edited as (a synonyms entry is a list of texts). */
const entryName = (value: unknown): string => (Array.isArray(value) ? 'synonymList' : 'model');

/** A new entry of an open record: a copy of an existing one, else the standard's store-wide preset. */
function entryTemplate(path: string, record: Record<string, unknown>): unknown {
  const first = Object.values(record)[0];
  if (first !== undefined) return structuredClone(first);
  if (path.endsWith('churn.byModel'))
    return { thresholdMonths: CHURN_DEFAULTS.thresholdMonths, serviceIntervalKm: CHURN_DEFAULTS.serviceIntervalKm };
  if (path.endsWith('aftersales.byModel'))
    return { sanbao: { ...AFTERSALES_DEFAULTS.sanbao }, warranty: { ...AFTERSALES_DEFAULTS.warranty } };
  return [];
}

function AddEntry({
  path,
  record,
  onChange,
  template,
}: {
  path: string;
  record: Record<string, unknown>;
  onChange: Edit;
  template: unknown;
}) {
  const [key, setKey] = useState('');
  const name = key.trim();
  return (
    <div className="add-entry">
      <input
        type="text"
        placeholder={`${MESSAGES.modelName.zh} / ${MESSAGES.modelName.en}`}
        value={key}
        onChange={(e) => setKey(e.target.value)}
      />
      <button
        type="button"
        className="small"
        disabled={name === '' || name in record}
        onClick={() => {
          onChange(`${path}.${name}`, template);
          setKey('');
        }}
      >
        <Bilingual text={MESSAGES.addModel} />
      </button>
    </div>
  );
}

function ChoiceList(props: FieldProps & { value: string[]; choices: Record<string, Text>; label: Text }) {
  const { path, value, onChange, errors, readOnly, choices, label } = props;
  return (
    <fieldset className="group choices">
      <legend>
        <Bilingual text={label} />
      </legend>
      {Object.entries(choices).map(([id, text]) => (
        <label key={id} className="inline">
          <input
            type="checkbox"
            data-path={`${path}:${id}`}
            checked={value.includes(id)}
            disabled={readOnly}
            onChange={(e) => onChange(path, e.target.checked ? [...value, id] : value.filter((v) => v !== id))}
          />
          {text.zh} <span className="en">{text.en}</span>
        </label>
      ))}
      <FieldErrors path={path} errors={errors} />
      {value.map((_, i) => (
        <FieldErrors key={i} path={`${path}.${i}`} errors={errors} />
      ))}
    </fieldset>
  );
}

function TextList(props: FieldProps & { value: string[]; label: Text }) {
  const { path, value, onChange, errors, readOnly, label } = props;
  const invalid = [...errors.keys()].some((p) => p === path || p.startsWith(`${path}.`));
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <label>
        <Bilingual text={label} />{' '}
        <span className="hint">
          ({MESSAGES.listHint.zh} / {MESSAGES.listHint.en})
        </span>
        <textarea
          data-path={path}
          rows={Math.min(10, Math.max(2, value.length))}
          value={value.join('\n')}
          disabled={readOnly}
          onChange={(e) => onChange(path, e.target.value.split('\n'))}
        />
      </label>
      <FieldErrors path={path} errors={errors} />
      {value.map((_, i) => (
        <FieldErrors key={i} path={`${path}.${i}`} errors={errors} />
      ))}
    </div>
  );
}

function ObjectList(props: FieldProps & { value: Record<string, unknown>[]; label: Text }) {
  const { path, name, value, onChange, errors, readOnly, label } = props;
  return (
    <fieldset className="group list">
      <legend>
        <Bilingual text={label} />
      </legend>
      <FieldErrors path={path} errors={errors} />
      {value.map((item, i) => {
        const title =
          typeof item.grade === 'string' && item.grade !== ''
            ? { zh: item.grade, en: '' }
            : { zh: `#${i + 1}`, en: '' };
        return (
          <div key={i} className="list-item">
            <Field
              path={`${path}.${i}`}
              name={name}
              label={title}
              value={item}
              onChange={onChange}
              errors={errors}
              readOnly={readOnly}
            />
            {!readOnly && (
              <button
                type="button"
                className="small"
                onClick={() =>
                  onChange(
                    path,
                    value.filter((_, j) => j !== i),
                  )
                }
              >
                <Bilingual text={MESSAGES.removeItem} />
              </button>
            )}
          </div>
        );
      })}
      {!readOnly && value.length > 0 && (
        <button
          type="button"
          className="small"
          onClick={() => onChange(path, [...value, structuredClone(value[value.length - 1]!)])}
        >
          <Bilingual text={MESSAGES.addItem} />
        </button>
      )}
    </fieldset>
  );
}

/** A copy of `root` with the value at a dotted path replaced (undefined deletes it). */
export function setAtPath<T>(root: T, path: string, value: unknown): T {
  const copy = structuredClone(root) as Record<string, unknown>;
  const keys = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy as T;
}
