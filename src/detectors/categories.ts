/**
 * Categories of personal data, ids from ru-pd-reference §11 (taxonomy of the seed regulation).
 * Class G general, S special (152-FZ art. 10), B biometric (art. 11).
 */
export type CategoryClass = 'G' | 'S' | 'B';

export interface CategoryInfo {
  id: string;
  class: CategoryClass;
  ru: string;
  en: string;
}

export const CATEGORIES = {
  full_name: { class: 'G', ru: 'ФИО', en: 'Full name' },
  name_change: { class: 'G', ru: 'Сведения о перемене фамилии', en: 'Name change' },
  birth_data: { class: 'G', ru: 'Дата и место рождения', en: 'Birth data' },
  citizenship: { class: 'G', ru: 'Гражданство', en: 'Citizenship' },
  identity_document: { class: 'G', ru: 'Документ, удостоверяющий личность', en: 'Identity document' },
  photo: { class: 'B', ru: 'Фотография', en: 'Photo' },
  family_composition: { class: 'G', ru: 'Состав семьи', en: 'Family composition' },
  relatives_data: { class: 'G', ru: 'Сведения о родственниках', en: 'Relatives' },
  family_relations: { class: 'G', ru: 'Взаимоотношения в семье', en: 'Family relations' },
  address: { class: 'G', ru: 'Адрес', en: 'Address' },
  phone: { class: 'G', ru: 'Телефон', en: 'Phone' },
  email: { class: 'G', ru: 'Электронная почта', en: 'E-mail' },
  inn: { class: 'G', ru: 'ИНН', en: 'Taxpayer number (INN)' },
  snils: { class: 'G', ru: 'СНИЛС', en: 'SNILS' },
  oms_policy: { class: 'G', ru: 'Полис ОМС', en: 'Medical insurance policy' },
  military_record: { class: 'G', ru: 'Воинский учёт', en: 'Military registration' },
  entrepreneur_id: { class: 'G', ru: 'ОГРНИП', en: 'Entrepreneur registration (OGRNIP)' },
  driver_licence: { class: 'G', ru: 'Водительское удостоверение', en: 'Driving licence' },
  education: { class: 'G', ru: 'Образование', en: 'Education' },
  profession_position: { class: 'G', ru: 'Должность', en: 'Position' },
  employment_records: { class: 'G', ru: 'Трудовая деятельность', en: 'Employment records' },
  assessment_records: { class: 'G', ru: 'Аттестация', en: 'Assessment records' },
  questionnaire_biography: { class: 'G', ru: 'Анкетные данные', en: 'Questionnaire, biography' },
  income: { class: 'G', ru: 'Доходы', en: 'Income' },
  bank_details: { class: 'G', ru: 'Банковские реквизиты', en: 'Bank details' },
  property_tax: { class: 'G', ru: 'Имущество, декларации', en: 'Property, tax returns' },
  social_benefits: { class: 'G', ru: 'Социальные льготы', en: 'Social benefits' },
  health: { class: 'S', ru: 'Состояние здоровья', en: 'Health' },
  criminal_record: { class: 'S', ru: 'Судимость', en: 'Criminal record' },
  race_nationality: { class: 'S', ru: 'Расовая, национальная принадлежность', en: 'Race, nationality' },
  political_views: { class: 'S', ru: 'Политические взгляды', en: 'Political views' },
  religious_beliefs: { class: 'S', ru: 'Религиозные убеждения', en: 'Religious beliefs' },
  philosophical_beliefs: { class: 'S', ru: 'Философские убеждения', en: 'Philosophical beliefs' },
  intimate_life: { class: 'S', ru: 'Интимная жизнь', en: 'Intimate life' },
  biometric: { class: 'B', ru: 'Биометрические данные', en: 'Biometric data' },
  /** Not personal data: organisation INN, OGRN, accounts, legal addresses found on the way. */
  organisation_identifier: { class: 'G', ru: 'Реквизиты организации', en: 'Organisation identifier' },
} as const satisfies Record<string, Omit<CategoryInfo, 'id'>>;

export type CategoryId = keyof typeof CATEGORIES;
