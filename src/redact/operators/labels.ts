/** Short Russian labels of entity types, for `replace` (`[СНИЛС]`) and `pseudonym` (`СНИЛС-7f3a2c`). */
import type { EntityType } from '../../detectors/types.js';

export const SHORT_LABELS: Readonly<Record<EntityType, string>> = {
  RU_PASSPORT: 'ПАСПОРТ',
  RU_FOREIGN_PASSPORT: 'ЗАГРАНПАСПОРТ',
  RU_SNILS: 'СНИЛС',
  RU_INN_PERSON: 'ИНН',
  RU_INN_ORG: 'ИНН ОРГ',
  RU_OGRNIP: 'ОГРНИП',
  RU_OGRN: 'ОГРН',
  RU_OMS_POLICY: 'ПОЛИС ОМС',
  RU_MILITARY_ID: 'ВОЕННЫЙ БИЛЕТ',
  RU_DRIVER_LICENSE: 'ВУ',
  RU_BIRTH_CERTIFICATE: 'СВИД. О РОЖДЕНИИ',
  CREDIT_CARD: 'КАРТА',
  RU_BANK_ACCOUNT: 'СЧЁТ',
  PHONE_NUMBER: 'ТЕЛЕФОН',
  EMAIL_ADDRESS: 'EMAIL',
  DATE_OF_BIRTH: 'ДАТА РОЖДЕНИЯ',
  PERSON: 'ФИО',
  ADDRESS: 'АДРЕС',
  ORG_ADDRESS: 'АДРЕС ОРГ',
  ORG: 'ОРГАНИЗАЦИЯ',
  SPECIAL_CATEGORY: 'СВЕДЕНИЯ',
};

/** Prefix of a pseudonym: the label without spaces or dots (`ПОЛИС-ОМС`). */
export function pseudonymPrefix(type: EntityType): string {
  return SHORT_LABELS[type].replace(/[.\s]+/g, '-').replace(/-+$/, '');
}
