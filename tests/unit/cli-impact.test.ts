import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImpactReport } from '#app/domain/impact/types.ts'
import { demoBuilding } from '#db/demo-data.ts'
import { inventoryDataToBuildingFile } from '#db/inventory-data.ts'

const building = 'tests/fixtures/demo-building.json'
const request = 'tests/fixtures/demo-request.json'

function impact(...args: string[]) {
  const result = spawnSync('node_modules/.bin/tsx', ['app/cli/impact.ts', ...args], { encoding: 'utf8' })
  return { status: result.status, stdout: result.stdout, stderr: result.stderr }
}

function tempFile(content: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sharedline-cli-')), 'input.json')
  fs.writeFileSync(file, content)
  return file
}

describe('npm run impact (command line, no server, no database)', () => {
  it('prints the report of the README sample as JSON on stdout and exits 0', () => {
    const { status, stdout, stderr } = impact('--building', building, '--request', request)
    expect(stderr).toBe('')
    expect(status).toBe(0)
    const report = JSON.parse(stdout) as ImpactReport
    expect(report.asOf).toBe('2026-11-23')
    expect(report.request).toMatchObject({ type: 'migration', tenantId: 't1', numbers: ['+31205551001', '+31205551002', '+31205551003'] })
    expect(report.alternatives.map((a) => a.mechanism)).toEqual(['port', 'line_migration', 'contract_takeover'])
    expect(report.verdict).toBe(report.outcome.verdict)
  })

  it('--as-of overrides the request’s own date', () => {
    const report = JSON.parse(impact('--building', building, '--request', request, '--as-of', '2027-01-04').stdout) as ImpactReport
    expect(report.asOf).toBe('2027-01-04')
  })

  it('invalid input lists every problem with its JSON path on stderr, prints nothing on stdout and exits 2', () => {
    const bad = tempFile(JSON.stringify({ type: 'migration', tenant: 't1', numbers: ['abc'], portDate: '2027-13-01', targetCarrier: 'X' }))
    const { status, stdout, stderr } = impact('--building', building, '--request', bad)
    expect(status).toBe(2)
    expect(stdout).toBe('')
    expect(stderr).toContain(`request ${bad}: $.numbers[0]: Not a Dutch number or block of numbers: "abc"`)
    expect(stderr).toContain(`request ${bad}: $.portDate: Use a calendar date as YYYY-MM-DD`)
  })

  it('a request naming a tenant the building does not have is refused with its path', () => {
    const file = tempFile(JSON.stringify({ type: 'move_out', tenant: 'nobody', moveOutDate: '2027-01-29' }))
    const { status, stderr } = impact('--building', building, '--request', file)
    expect(status).toBe(2)
    expect(stderr).toContain('$.tenant: No tenant with key "nobody" in the building')
  })

  it('a file that is not JSON, a missing file and missing arguments exit 2 with a message', () => {
    const notJson = tempFile('{ nope')
    expect(impact('--building', notJson, '--request', request)).toMatchObject({ status: 2, stdout: '' })
    expect(impact('--building', notJson, '--request', request).stderr).toContain(`building ${notJson}: $: not valid JSON`)
    expect(impact('--building', 'no/such/file.json', '--request', request).stderr).toContain('cannot be read (ENOENT)')
    expect(impact('--request', request)).toMatchObject({ status: 2 })
    expect(impact('--building', building, '--request', request, '--as-of', '23-11-2026')).toMatchObject({ status: 2 })
  })

  it('the sample building file is the demo building the app loads (it cannot drift)', () => {
    const { $schema: _schema, ...committed } = JSON.parse(fs.readFileSync(building, 'utf8')) as Record<string, unknown>
    expect(committed).toEqual(JSON.parse(JSON.stringify(inventoryDataToBuildingFile(demoBuilding()))))
  })
})
