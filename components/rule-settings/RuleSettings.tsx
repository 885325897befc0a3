// The options page's grading rules (docs/grading.md#g01-rule-sets, "Rule sets"): the built-in
// presets read-only with a copy button; a copy edited per standard (switch and
// parameters, generated from the rule-set data); invalid edits shown at the
// field and refused whole; Save shows how many customers change grade, by
// standard, before the manager confirms; a 试算 panel shows every grade's
// reason for one stored customer by the rules being edited. A rule change in
// use can be taken back (撤销这次规则变更) until another one is applied.
import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  applyRuleSet,
  deleteRuleSet,
  listRuleSets,
  newRuleSetId,
  previewRegrade,
  saveRuleSet,
  undoRuleChange,
} from '@/lib/db';
import type { DealerLensDB, RegradePreview, RuleChangeUndo, RuleSetListing } from '@/lib/db';
import {
  copyRuleSet,
  STANDARDS,
  validateRuleSet,
  type RuleSet,
  type StandardId,
  type ValidationError,
} from '@/lib/grading';
import { Bilingual, Field, FieldErrors, setAtPath } from './ParamsEditor';
import { MESSAGES, STANDARD_SHORT, format, type Text } from './messages';
import { TryPanel } from './TryPanel';

export interface RuleSettingsProps {
  db: DealerLensDB;
  now: () => Date;
}

type Notice = { kind: 'info' | 'error'; text: Text } | null;

/** A rule change waiting for the manager's confirmation. */
interface Pending {
  ruleSet: RuleSet;
  /** A manager's edit may also be saved without being used. */
  editable: boolean;
  preview: RegradePreview | null;
}

function errorsByPath(errors: readonly ValidationError[]): Map<string, ValidationError[]> {
  const map = new Map<string, ValidationError[]>();
  for (const e of errors) map.set(e.path, [...(map.get(e.path) ?? []), e]);
  return map;
}

export function RuleSettings({ db, now }: RuleSettingsProps) {
  const [listings, setListings] = useState<RuleSetListing[]>([]);
  const [draft, setDraft] = useState<RuleSet | null>(null);
  const [viewing, setViewing] = useState<RuleSet | null>(null);
  const [refused, setRefused] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const [undo, setUndo] = useState<RuleChangeUndo | null>(null);

  const reload = useCallback(async () => {
    const list = await listRuleSets(db);
    setListings(list);
    return list;
  }, [db]);

  useEffect(() => {
    void reload().then((list) =>
      setViewing((v) => v ?? list.find((l) => l.active)?.ruleSet ?? list[0]?.ruleSet ?? null),
    );
  }, [reload]);

  const shown = draft ?? viewing;
  const validation = useMemo(() => (draft ? validateRuleSet(draft) : { ok: true as const }), [draft]);
  const errors = useMemo(() => errorsByPath(validation.ok ? [] : validation.errors), [validation]);

  const fail = (error: unknown) =>
    setNotice({ kind: 'error', text: { zh: `${MESSAGES.error.zh}: ${String(error)}`, en: MESSAGES.error.en } });

  const startCopy = (source: RuleSet) => {
    const name = {
      zh: `${source.name.zh} ${MESSAGES.copySuffix.zh}`,
      en: `${source.name.en} ${MESSAGES.copySuffix.en}`,
    };
    setDraft(copyRuleSet(source, newRuleSetId(), name));
    setRefused(false);
    setNotice(null);
  };

  const startEdit = (ruleSet: RuleSet) => {
    setDraft(structuredClone(ruleSet));
    setRefused(false);
    setNotice(null);
  };

  const edit = (path: string, value: unknown) => setDraft((d) => (d ? setAtPath(d, path, value) : d));

  const ask = async (ruleSet: RuleSet, editable: boolean) => {
    setPending({ ruleSet, editable, preview: null });
    try {
      const preview = await previewRegrade(db, ruleSet, now());
      setPending({ ruleSet, editable, preview });
    } catch (error) {
      setPending(null);
      fail(error);
    }
  };

  const save = () => {
    if (!draft) return;
    if (!validation.ok) {
      // Refused whole: nothing is written while any field is wrong.
      setRefused(true);
      return;
    }
    setRefused(false);
    void ask(draft, true);
  };

  const confirm = async (use: boolean) => {
    if (!pending) return;
    setBusy(true);
    try {
      const { ruleSet } = pending;
      if (use) {
        const result = await applyRuleSet(db, ruleSet, now());
        if (!result.ok)
          return setNotice({ kind: 'error', text: format(MESSAGES.refused, { n: result.errors.length }) });
        setNotice({
          kind: 'info',
          text: format(MESSAGES.applied, { name: ruleSet.name.zh, total: result.graded, n: result.changed }),
        });
        setUndo(result.undo);
      } else {
        const result = await saveRuleSet(db, ruleSet, now());
        if (!result.ok)
          return setNotice({ kind: 'error', text: format(MESSAGES.refused, { n: result.errors.length }) });
        setNotice({ kind: 'info', text: format(MESSAGES.saved, { name: ruleSet.name.zh }) });
        setUndo(null);
      }
      setDraft(null);
      setViewing(ruleSet);
      await reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
      setPending(null);
    }
  };

  const takeBack = async () => {
    if (!undo) return;
    setBusy(true);
    try {
      const result = await undoRuleChange(db, undo, now());
      setUndo(null);
      if (!result.ok) return setNotice({ kind: 'error', text: result.reason });
      setNotice({
        kind: 'info',
        text: format(MESSAGES.undone, { name: result.ruleSet.name.zh, total: result.graded }),
      });
      setDraft(null);
      setViewing(result.ruleSet as RuleSet);
      await reload();
    } catch (error) {
      fail(error);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    const result = await deleteRuleSet(db, id);
    if (!result.ok) return setNotice({ kind: 'error', text: result.reason });
    setNotice({ kind: 'info', text: MESSAGES.deleted });
    if (viewing?.id === id) setViewing(null);
    await reload();
  };

  return (
    <div className="rule-settings">
      <header>
        <h1>
          <Bilingual text={MESSAGES.title} />
        </h1>
        <p className="hint">
          <Bilingual text={MESSAGES.intro} />
        </p>
      </header>
      {notice && (
        <p className={`note ${notice.kind}`} role="status">
          <Bilingual text={notice.text} />
          {undo && notice.kind === 'info' && (
            <button type="button" disabled={busy} onClick={() => void takeBack()}>
              <Bilingual text={MESSAGES.undoChange} />
            </button>
          )}
        </p>
      )}
      <div className="columns">
        <nav className="rule-sets" aria-label={`${MESSAGES.ruleSets.zh} ${MESSAGES.ruleSets.en}`}>
          <h2>
            <Bilingual text={MESSAGES.ruleSets} />
          </h2>
          <ul>
            {listings.map((l) => (
              <li
                key={l.ruleSet.id}
                className={`${shown?.id === l.ruleSet.id ? 'selected' : ''}`}
                data-rule-set={l.ruleSet.id}
              >
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setDraft(null);
                    setViewing(l.ruleSet);
                  }}
                >
                  {l.ruleSet.name.zh} <span className="en">{l.ruleSet.name.en}</span>
                </button>
                <span className="tags">
                  {l.builtIn ? (
                    <span className="tag">
                      <Bilingual text={MESSAGES.builtIn} />
                    </span>
                  ) : (
                    <span className="tag mine">
                      <Bilingual text={MESSAGES.mine} />
                    </span>
                  )}
                  {l.active && (
                    <span className="tag active">
                      <Bilingual text={MESSAGES.active} />
                    </span>
                  )}
                  {l.errors && (
                    <span className="tag bad">
                      <Bilingual text={MESSAGES.invalidStored} />
                    </span>
                  )}
                </span>
                <span className="actions">
                  <button type="button" className="small" onClick={() => startCopy(l.ruleSet)}>
                    <Bilingual text={MESSAGES.copy} />
                  </button>
                  {!l.builtIn && !l.errors && (
                    <button type="button" className="small" onClick={() => startEdit(l.ruleSet)}>
                      <Bilingual text={MESSAGES.edit} />
                    </button>
                  )}
                  {!l.active && !l.errors && (
                    <button type="button" className="small" onClick={() => void ask(l.ruleSet, false)}>
                      <Bilingual text={MESSAGES.use} />
                    </button>
                  )}
                  {!l.builtIn && !l.active && (
                    <button type="button" className="small" onClick={() => void remove(l.ruleSet.id)}>
                      <Bilingual text={MESSAGES.remove} />
                    </button>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </nav>

        {shown && (
          <main className="editor" aria-label="rule editor">
            <RuleSetForm ruleSet={shown} readOnly={!draft} errors={errors} onChange={edit} />
            {draft ? (
              <div className="save-bar">
                {refused && !validation.ok && (
                  <p className="note error" role="alert">
                    <Bilingual text={format(MESSAGES.refused, { n: validation.errors.length })} />
                  </p>
                )}
                <button type="button" className="primary" disabled={busy || pending !== null} onClick={save}>
                  <Bilingual text={MESSAGES.save} />
                </button>
                <button
                  type="button"
                  onClick={() => {
                    setDraft(null);
                    setRefused(false);
                  }}
                >
                  <Bilingual text={MESSAGES.discard} />
                </button>
              </div>
            ) : (
              shown.builtIn && (
                <p className="hint">
                  <Bilingual text={MESSAGES.readOnly} />
                </p>
              )
            )}
          </main>
        )}

        <aside className="try">
          <TryPanel db={db} now={now} ruleSet={validation.ok ? shown : null} />
        </aside>
      </div>

      {pending && (
        <PreviewDialog
          pending={pending}
          busy={busy}
          onConfirm={(use) => void confirm(use)}
          onCancel={() => setPending(null)}
        />
      )}
    </div>
  );
}

function RuleSetForm({
  ruleSet,
  readOnly,
  errors,
  onChange,
}: {
  ruleSet: RuleSet;
  readOnly: boolean;
  errors: ReadonlyMap<string, ValidationError[]>;
  onChange: (path: string, value: unknown) => void;
}) {
  return (
    <form onSubmit={(e) => e.preventDefault()} className={readOnly ? 'read-only' : ''}>
      <div className="names">
        {(['zh', 'en'] as const).map((lang) => (
          <div key={lang} className={`field${errors.has(`name.${lang}`) ? ' invalid' : ''}`}>
            <label>
              <Bilingual text={MESSAGES.name} /> ({lang})
              <input
                type="text"
                data-path={`name.${lang}`}
                value={ruleSet.name[lang]}
                disabled={readOnly}
                onChange={(e) => onChange(`name.${lang}`, e.target.value)}
              />
            </label>
            <FieldErrors path={`name.${lang}`} errors={errors} />
          </div>
        ))}
        <FieldErrors path="builtIn" errors={errors} />
        <FieldErrors path="version" errors={errors} />
      </div>
      {STANDARDS.map((s) => {
        const params = ruleSet.standards[s.id] as unknown as Record<string, unknown>;
        const path = `standards.${s.id}`;
        return (
          <section key={s.id} className={`standard${params.enabled ? '' : ' off'}`} data-standard={s.id}>
            <h3>
              <label className="switch">
                <input
                  type="checkbox"
                  role="switch"
                  data-path={`${path}.enabled`}
                  checked={params.enabled === true}
                  disabled={readOnly}
                  onChange={(e) => onChange(`${path}.enabled`, e.target.checked)}
                />
                {s.name.zh} <span className="en">{s.name.en}</span>
              </label>
            </h3>
            <FieldErrors path={path} errors={errors} />
            <FieldErrors path={`${path}.enabled`} errors={errors} />
            <div className="params">
              {Object.entries(params)
                .filter(([key]) => key !== 'enabled')
                .map(([key, value]) => (
                  <Field
                    key={key}
                    path={`${path}.${key}`}
                    name={key}
                    value={value}
                    onChange={onChange}
                    errors={errors}
                    readOnly={readOnly}
                  />
                ))}
            </div>
          </section>
        );
      })}
    </form>
  );
}

/** "将改变 N 位客户的级别: 意向级别 12, 流失 3 ..." and the transitions behind each count. */
export function previewText(preview: RegradePreview): Text {
  if (preview.changed === 0) return MESSAGES.previewNone;
  const parts = (lang: 'zh' | 'en') =>
    STANDARDS.filter((s) => preview.byStandard[s.id])
      .map((s) => `${STANDARD_SHORT[s.id as StandardId][lang]} ${preview.byStandard[s.id]!.changed}`)
      .join(lang === 'zh' ? ', ' : ', ');
  const head = format(MESSAGES.previewChanged, { n: preview.changed });
  return { zh: `${head.zh}: ${parts('zh')}`, en: `${head.en}: ${parts('en')}` };
}

function PreviewDialog({
  pending,
  busy,
  onConfirm,
  onCancel,
}: {
  pending: Pending;
  busy: boolean;
  onConfirm: (use: boolean) => void;
  onCancel: () => void;
}) {
  const { preview, ruleSet, editable } = pending;
  return (
    <div className="backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="preview-title">
        <h2 id="preview-title">
          <Bilingual text={MESSAGES.previewTitle} />: {ruleSet.name.zh}
        </h2>
        {!preview ? (
          <p>
            <Bilingual text={MESSAGES.previewing} />
          </p>
        ) : (
          <>
            <p className="preview-summary">
              <Bilingual text={previewText(preview)} />{' '}
              <span className="hint">
                <Bilingual text={format(MESSAGES.previewOf, { total: preview.total })} />
              </span>
            </p>
            {preview.dueChanged > 0 && (
              <p className="preview-due">
                <Bilingual text={format(MESSAGES.previewDue, { n: preview.dueChanged })} />
              </p>
            )}
            <ul className="transitions">
              {STANDARDS.filter((s) => preview.byStandard[s.id]).map((s) => (
                <li key={s.id}>
                  {STANDARD_SHORT[s.id].zh}:{' '}
                  {Object.entries(preview.byStandard[s.id]!.transitions)
                    .map(([k, n]) => `${k} ${n}`)
                    .join(', ')}
                </li>
              ))}
            </ul>
          </>
        )}
        {busy && (
          <p>
            <Bilingual text={MESSAGES.applying} />
          </p>
        )}
        <div className="buttons">
          <button type="button" className="primary" disabled={!preview || busy} onClick={() => onConfirm(true)}>
            <Bilingual text={MESSAGES.confirm} />
          </button>
          {editable && (
            <button type="button" disabled={!preview || busy} onClick={() => onConfirm(false)}>
              <Bilingual text={MESSAGES.saveOnly} />
            </button>
          )}
          <button type="button" disabled={busy} onClick={onCancel}>
            <Bilingual text={MESSAGES.cancel} />
          </button>
        </div>
      </div>
    </div>
  );
}
