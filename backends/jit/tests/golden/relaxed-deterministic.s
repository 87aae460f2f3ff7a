function swizzle:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000074h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movaps xmm2,xmm1
  003c  movaps xmm3,xmm0
  0040  movdqu xmm15,[0A0h]
  0049  paddusb xmm2,xmm15
  004e  pshufb xmm3,xmm2
  0054  movaps xmm0,xmm3
  0058  lea rsp,[rbp-10h]
  005f  pop r15
  0061  pop r14
  0063  pop rbp
  0064  ret
  0065  movdqu xmm0,[rsp]
  006f  jmp 0000000000000058h
  0074  ud2    ; trap: Code(StackOverflow)
  0076  mov r11,rdx
  0079  movdqu xmm0,[r11]
  0083  movdqu xmm1,[r11+10h]
  008d  jmp 0
  0092  nop
  0093  nop
  0094  nop
  0095  nop
  0096  nop
  0097  nop
  0098  nop
  0099  nop
  009a  nop
  009b  nop
  009c  nop
  009d  nop
  009e  nop
  009f  nop
  00a0  jo short 0000000000000112h
  00a2  jo short 0000000000000114h
  00a4  jo short 0000000000000116h
  00a6  jo short 0000000000000118h
  00a8  jo short 000000000000011Ah
  00aa  jo short 000000000000011Ch
  00ac  jo short 000000000000011Eh
  00ae  jo short 0000000000000120h

function trunc:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,40h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000007Bh
  0026  movdqu [rbp-20h],xmm0
  002f  movaps xmm1,xmm0
  0033  movaps xmm15,xmm1
  0037  cmpeqps xmm15,xmm15
  003c  pand xmm1,xmm15
  0041  pxor xmm15,xmm1
  0046  cvttps2dq xmm1,xmm1
  004b  pand xmm15,xmm1
  0050  psrad xmm15,1Fh
  0056  pxor xmm1,xmm15
  005b  movaps xmm0,xmm1
  005f  lea rsp,[rbp-10h]
  0066  pop r15
  0068  pop r14
  006a  pop rbp
  006b  ret
  006c  movdqu xmm0,[rsp]
  0076  jmp 000000000000005Fh
  007b  ud2    ; trap: Code(StackOverflow)
  007d  mov r11,rdx
  0080  movdqu xmm0,[r11]
  008a  jmp 0

function madd:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000093h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  mulps xmm5,xmm4
  0051  addps xmm5,xmm3
  0055  movaps xmm6,xmm5
  0059  cmpunordps xmm6,xmm6
  005e  movdqu xmm15,[0C0h]
  0067  xorps xmm15,xmm5
  006b  andps xmm15,xmm6
  006f  xorps xmm5,xmm15
  0073  movaps xmm0,xmm5
  0077  lea rsp,[rbp-10h]
  007e  pop r15
  0080  pop r14
  0082  pop rbp
  0083  ret
  0084  movdqu xmm0,[rsp]
  008e  jmp 0000000000000077h
  0093  ud2    ; trap: Code(StackOverflow)
  0095  mov r11,rdx
  0098  movdqu xmm0,[r11]
  00a2  movdqu xmm1,[r11+10h]
  00ac  movdqu xmm2,[r11+20h]
  00b6  jmp 0
  00bb  nop
  00bc  nop
  00bd  nop
  00be  nop
  00bf  nop
  00c0  add [rax],al
  00c2  sar byte ptr [rdi],0
  00c6  sar byte ptr [rdi],0
  00ca  sar byte ptr [rdi],0
  00ce  (bad)

function nmadd:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000097h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  mulpd xmm5,xmm4
  0052  subpd xmm3,xmm5
  0057  movapd xmm6,xmm3
  005c  cmpunordpd xmm6,xmm6
  0062  movdqu xmm15,[0C0h]
  006b  xorps xmm15,xmm3
  006f  andps xmm15,xmm6
  0073  xorps xmm3,xmm15
  0077  movaps xmm0,xmm3
  007b  lea rsp,[rbp-10h]
  0082  pop r15
  0084  pop r14
  0086  pop rbp
  0087  ret
  0088  movdqu xmm0,[rsp]
  0092  jmp 000000000000007Bh
  0097  ud2    ; trap: Code(StackOverflow)
  0099  mov r11,rdx
  009c  movdqu xmm0,[r11]
  00a6  movdqu xmm1,[r11+10h]
  00b0  movdqu xmm2,[r11+20h]
  00ba  jmp 0
  00bf  nop
  00c0  add [rax],al
  00c2  add [rax],al
  00c4  add [rax],al
  00c6  clc
  00c7  jg short 00000000000000C9h
  00c9  add [rax],al
  00cb  add [rax],al
  00cd  add al,bh
  00cf  (bad)

function laneselect:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 000000000000007Ch
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  pand xmm5,xmm3
  0052  pandn xmm3,xmm4
  0057  por xmm5,xmm3
  005c  movaps xmm0,xmm5
  0060  lea rsp,[rbp-10h]
  0067  pop r15
  0069  pop r14
  006b  pop rbp
  006c  ret
  006d  movdqu xmm0,[rsp]
  0077  jmp 0000000000000060h
  007c  ud2    ; trap: Code(StackOverflow)
  007e  mov r11,rdx
  0081  movdqu xmm0,[r11]
  008b  movdqu xmm1,[r11+10h]
  0095  movdqu xmm2,[r11+20h]
  009f  jmp 0

function min:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000A1h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movaps xmm2,xmm1
  003c  movaps xmm3,xmm0
  0040  movaps xmm15,xmm3
  0044  minps xmm15,xmm2
  0048  minps xmm2,xmm3
  004c  orps xmm15,xmm2
  0050  cmpunordps xmm2,xmm15
  0055  orps xmm15,xmm2
  0059  psrld xmm2,0Ah
  005f  andnps xmm2,xmm15
  0063  movaps xmm4,xmm2
  0067  cmpunordps xmm4,xmm4
  006c  movdqu xmm15,[0C0h]
  0075  xorps xmm15,xmm2
  0079  andps xmm15,xmm4
  007d  xorps xmm2,xmm15
  0081  movaps xmm0,xmm2
  0085  lea rsp,[rbp-10h]
  008c  pop r15
  008e  pop r14
  0090  pop rbp
  0091  ret
  0092  movdqu xmm0,[rsp]
  009c  jmp 0000000000000085h
  00a1  ud2    ; trap: Code(StackOverflow)
  00a3  mov r11,rdx
  00a6  movdqu xmm0,[r11]
  00b0  movdqu xmm1,[r11+10h]
  00ba  jmp 0
  00bf  nop
  00c0  add [rax],al
  00c2  sar byte ptr [rdi],0
  00c6  sar byte ptr [rdi],0
  00ca  sar byte ptr [rdi],0
  00ce  (bad)

function q15mulr:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 0000000000000079h
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movaps xmm2,xmm1
  003c  movaps xmm3,xmm0
  0040  pmulhrsw xmm3,xmm2
  0046  movdqu xmm15,[0A0h]
  004f  pcmpeqw xmm15,xmm3
  0054  pxor xmm3,xmm15
  0059  movaps xmm0,xmm3
  005d  lea rsp,[rbp-10h]
  0064  pop r15
  0066  pop r14
  0068  pop rbp
  0069  ret
  006a  movdqu xmm0,[rsp]
  0074  jmp 000000000000005Dh
  0079  ud2    ; trap: Code(StackOverflow)
  007b  mov r11,rdx
  007e  movdqu xmm0,[r11]
  0088  movdqu xmm1,[r11+10h]
  0092  jmp 0
  0097  nop
  0098  nop
  0099  nop
  009a  nop
  009b  nop
  009c  nop
  009d  nop
  009e  nop
  009f  nop
  00a0  add [rax-7FFF8000h],al
  00a6  add [rax-7FFF8000h],al
  00ac  (bad)

function dot_add:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,80h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000BDh
  0026  movdqu [rbp-20h],xmm0
  002f  movdqu [rbp-30h],xmm1
  0038  movdqu [rbp-40h],xmm2
  0041  movaps xmm3,xmm2
  0045  movaps xmm4,xmm1
  0049  movaps xmm5,xmm0
  004d  movdqa xmm6,xmm5
  0052  psllw xmm6,8
  0058  psraw xmm6,8
  005e  psraw xmm5,8
  0064  movdqa xmm15,xmm4
  0069  psllw xmm15,8
  006f  psraw xmm15,8
  0075  psraw xmm4,8
  007b  pmullw xmm6,xmm15
  0080  pmullw xmm5,xmm4
  0085  paddsw xmm5,xmm6
  008a  movdqu xmm15,[0F0h]
  0093  pmaddwd xmm5,xmm15
  0098  paddd xmm5,xmm3
  009d  movaps xmm0,xmm5
  00a1  lea rsp,[rbp-10h]
  00a8  pop r15
  00aa  pop r14
  00ac  pop rbp
  00ad  ret
  00ae  movdqu xmm0,[rsp]
  00b8  jmp 00000000000000A1h
  00bd  ud2    ; trap: Code(StackOverflow)
  00bf  mov r11,rdx
  00c2  movdqu xmm0,[r11]
  00cc  movdqu xmm1,[r11+10h]
  00d6  movdqu xmm2,[r11+20h]
  00e0  jmp 0
  00e5  nop
  00e6  nop
  00e7  nop
  00e8  nop
  00e9  nop
  00ea  nop
  00eb  nop
  00ec  nop
  00ed  nop
  00ee  nop
  00ef  nop
  00f0  add [rax],eax
  00f2  add [rax],eax
  00f4  add [rax],eax
  00f6  add [rax],eax
  00f8  add [rax],eax
  00fa  add [rax],eax
  00fc  add [rax],eax
  00fe  add [rax],eax

