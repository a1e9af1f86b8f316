/** Personal data in responses: what is masked, who sees it in full, and what a supervisor must say. No I/O. */
export type { AccessKind, Served } from './disclosure';
export {
  accessKindLabelsZh,
  accessKindSchema,
  fullValueRoles,
  purposeRequired,
  purposeSchema,
  servedValues,
} from './disclosure';
export {
  maskBankAccount,
  maskBankFile,
  maskIdNumber,
  maskNumbersInText,
  maskPersonalData,
  maskPhone,
  personalFields,
} from './personalData';
