// Header and value understanding (docs/capture.md#header-mapping, lib/mapping): parse cell values,
// map scraped columns to the canonical fields of lib/customer.ts, and match
// saved site profiles.

export {
  type ParseResult,
  type Assumption,
  type ParseContext,
  type DateContext,
  type DateDirection,
  ASSUMPTIONS,
  DATE_DIRECTIONS,
  REASONS,
  cleanText,
  parseDate,
  parseMoney,
  parseMileage,
  parsePhone,
  parseIdNumber,
  parseVin,
  parseCount,
  parseStage,
  parseGender,
  parseVehicleUse,
  parseText,
  parseField,
  parserFor,
  isPlate,
  isMaskedMobile,
  isMaskedValue,
} from './parse';
export { HEADER_SYNONYMS, normalizeHeader, lookupHeader, headerScale, type HeaderMatch } from './synonyms';
export {
  type ColumnMapping,
  type ParseFailure,
  type ColumnAssumption,
  SAMPLE_ROWS,
  SNIFF_THRESHOLD,
  suggestMapping,
  applyMapping,
  looksLike,
  type LooksLike,
  recordSource,
  extraKeys,
  isEmptyCell,
} from './mapping';
export {
  type LetterMeanings,
  type LetterGuess,
  GUESS_SHARE,
  guessLetters,
  startingMeanings,
  withLetterMeanings,
} from './letters';
export {
  type SiteProfile,
  type TaughtControl,
  withNextControl,
  headerSignature,
  pathPatternFor,
  matchProfile,
  mappingFromProfile,
  profileFromMapping,
} from './profile';
