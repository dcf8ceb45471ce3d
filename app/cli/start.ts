// `npm start`: build the app and prepare the database at the same time, then serve.
import { spawn } from 'node:child_process'

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: 'inherit' })
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${cmd} ${args.join(' ')} exited with ${code}`))))
  })
}

const started = performance.now()
await Promise.all([run('node_modules/.bin/react-router', ['build']), run('node_modules/.bin/tsx', ['db/setup.ts'])])
console.log(`Build and database ready in ${Math.round(performance.now() - started)} ms; starting the server.`)
const server = spawn('node_modules/.bin/react-router-serve', ['./build/server/index.js'], { stdio: 'inherit', env: { NODE_ENV: 'production', ...process.env } })
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
