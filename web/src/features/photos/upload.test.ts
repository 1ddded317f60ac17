import { describe, expect, it } from 'vitest'
import { MAX_PHOTO_BYTES, photoType, precheckPhoto, problemForStatus } from './upload'

describe('photo upload checks', () => {
  it('takes the browser type or guesses it from the name', () => {
    expect(photoType({ type: 'image/jpeg', name: 'a.bin' })).toBe('image/jpeg')
    expect(photoType({ type: 'image/jpg', name: 'a' })).toBe('image/jpeg')
    expect(photoType({ type: '', name: 'IMG_1.JPG' })).toBe('image/jpeg')
    expect(photoType({ type: '', name: 'x.webp' })).toBe('image/webp')
    expect(photoType({ type: 'image/heic', name: 'x.heic' })).toBeNull()
    expect(photoType({ type: '', name: 'notes.txt' })).toBeNull()
  })
  it('refuses wrong types and files over 10 MB before sending', () => {
    expect(precheckPhoto({ type: 'image/png', name: 'a.png', size: 100 })).toBeNull()
    expect(precheckPhoto({ type: 'image/png', name: 'a.png', size: MAX_PHOTO_BYTES + 1 })).toBe('tooLarge')
    expect(precheckPhoto({ type: 'application/pdf', name: 'a.pdf', size: 1 })).toBe('badType')
  })
  it('maps the server answers', () => {
    expect(problemForStatus(413)).toBe('tooLarge')
    expect(problemForStatus(415)).toBe('badType')
    expect(problemForStatus(0)).toBe('network')
    expect(problemForStatus(500)).toBe('server')
  })
})
