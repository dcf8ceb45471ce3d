import { defineMessages } from '../define.ts'

/**
 * Why a row of a carrier file or a column mapping cannot be used: the codes of
 * app/domain/imports (`rowProblems`, `mappingProblems`). The offending cell is shown beside the message.
 */
export const importRows = defineMessages({
  en: {
    'row.empty': 'Empty row',
    'row.numberMissing': 'No number',
    'row.numberInvalid': 'Not a valid Dutch number',
    'row.numberNotDutch': 'Not a Dutch number; only Dutch numbers can be imported',
    'row.rangeInvalid': 'Not a valid block of numbers: first number, last number and count do not match',
    'row.rangeReversed': 'The last number comes before the first',
    'row.rangeTooLarge': 'Block too large: at most 10,000 numbers per row',
    'row.countInvalid': 'Not a count or a last number',
    'row.statusUnknown': 'Unknown status',
    'row.amountInvalid': 'Not a valid amount',
    'row.amountMissing': 'No amount',
    'row.serviceMissing': 'No service reference',
    'row.nothingToBill': 'Neither a number nor a service reference: nothing to bill',
    'row.columnsMissing': 'The row has too few columns; a line may have been broken off',
    'mapping.columnUnknown': 'Not a column of this file',
    'mapping.columnTwice': 'This column is already chosen for another field',
    'mapping.numberRequired': 'Choose the column with the number',
    'mapping.amountRequired': 'Choose the column with the amount',
    'mapping.numberOrService': 'Choose the column with the number, the service reference, or both',
    'mapping.rangeNeedsNumber': 'A last number or count also needs the column with the first number',
  },
  nl: {
    'row.empty': 'Lege regel',
    'row.numberMissing': 'Geen nummer',
    'row.numberInvalid': 'Geen geldig Nederlands nummer',
    'row.numberNotDutch': 'Buitenlands nummer; alleen Nederlandse nummers kunnen worden ingelezen',
    'row.rangeInvalid': 'Geen geldige nummerreeks: eerste nummer, laatste nummer en aantal kloppen niet met elkaar',
    'row.rangeReversed': 'Het laatste nummer ligt vóór het eerste',
    'row.rangeTooLarge': 'Reeks te groot: maximaal 10.000 nummers per regel',
    'row.countInvalid': 'Geen geldig aantal of laatste nummer',
    'row.statusUnknown': 'Onbekende status',
    'row.amountInvalid': 'Geen geldig bedrag',
    'row.amountMissing': 'Geen bedrag',
    'row.serviceMissing': 'Geen aansluiting',
    'row.nothingToBill': 'Geen nummer en geen aansluiting: niets om te factureren',
    'row.columnsMissing': 'De regel heeft te weinig kolommen; misschien is hij afgebroken',
    'mapping.columnUnknown': 'Geen kolom van dit bestand',
    'mapping.columnTwice': 'Deze kolom is al voor een ander veld gekozen',
    'mapping.numberRequired': 'Kies de kolom met het nummer',
    'mapping.amountRequired': 'Kies de kolom met het bedrag',
    'mapping.numberOrService': 'Kies de kolom met het nummer, die met de aansluiting, of beide',
    'mapping.rangeNeedsNumber': 'Bij een laatste nummer of aantal hoort ook de kolom met het eerste nummer',
  },
})
