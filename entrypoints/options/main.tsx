// Options page (style.md: options/ holds grading rules, site profiles, data).
// Extension pages share the background's origin, so the page opens the same
// database itself: the rule change and its re-grade run here, in one transaction.
import { createRoot } from 'react-dom/client';
import { openDatabase } from '@/lib/db';
import { RuleSettings } from '@/components/rule-settings/RuleSettings';
import '@/components/rule-settings/rule-settings.css';

const db = openDatabase();
const now = () => new Date();

createRoot(document.getElementById('root')!).render(<RuleSettings db={db} now={now} />);
