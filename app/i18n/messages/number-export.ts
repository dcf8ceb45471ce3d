import { defineMessages } from '../define.ts'

/**
 * The numbers spreadsheet (CSV download of a building's numbers with their holders): the link on the
 * numbers list and the column headers. Cell values reuse kind.*, numbers.use.*, numbers.status.* and yes/no.
 */
export const numberExport = defineMessages({
  en: {
    'numberExport.link': 'Export CSV',
    'numberExport.column.tenant': 'Tenant',
    'numberExport.column.kvkNumber': 'KvK number',
    'numberExport.column.number': 'Number',
    'numberExport.column.e164': 'Number (E.164)',
    'numberExport.column.carrierRef': 'Line (carrier id)',
    'numberExport.column.kind': 'Service kind',
    'numberExport.column.use': 'Use',
    'numberExport.column.status': 'Status',
    'numberExport.column.billed': 'Billed',
    'numberExport.column.allocatedSince': 'Allocated since',
  },
  nl: {
    'numberExport.link': 'Exporteer CSV',
    'numberExport.column.tenant': 'Huurder',
    'numberExport.column.kvkNumber': 'KvK-nummer',
    'numberExport.column.number': 'Nummer',
    'numberExport.column.e164': 'Nummer (E.164)',
    'numberExport.column.carrierRef': 'Lijn (provider-id)',
    'numberExport.column.kind': 'Soort dienst',
    'numberExport.column.use': 'Gebruik',
    'numberExport.column.status': 'Status',
    'numberExport.column.billed': 'Gefactureerd',
    'numberExport.column.allocatedSince': 'Toegewezen sinds',
  },
})
